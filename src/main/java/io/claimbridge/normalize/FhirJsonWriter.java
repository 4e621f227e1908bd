package io.claimbridge.normalize;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.lang3.StringUtils;
import org.apache.commons.text.WordUtils;
import org.hl7.fhir.instance.model.api.IBase;
import org.hl7.fhir.instance.model.api.IBaseBooleanDatatype;
import org.hl7.fhir.instance.model.api.IBaseDecimalDatatype;
import org.hl7.fhir.instance.model.api.IBaseIntegerDatatype;
import org.hl7.fhir.instance.model.api.IBaseMetaType;
import org.hl7.fhir.instance.model.api.IBaseReference;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Base;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Element;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Meta;
import org.hl7.fhir.r4.model.PrimitiveType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Type;

import ca.uhn.fhir.context.BaseRuntimeChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeDeclaredChildDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementCompositeDefinition;
import ca.uhn.fhir.context.BaseRuntimeElementDefinition;
import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.ParserOptions;
import ca.uhn.fhir.context.RuntimeChildContainedResources;
import ca.uhn.fhir.context.RuntimeChildDeclaredExtensionDefinition;
import ca.uhn.fhir.context.RuntimeChildUndeclaredExtensionDefinition;
import ca.uhn.fhir.context.RuntimeResourceDefinition;
import ca.uhn.fhir.context.api.AddProfileTagEnum;
import ca.uhn.fhir.util.HapiExtensions;

/**
 * Compact FHIR R4 JSON, byte for byte what {@code FhirR4.json().encodeResourceToString(r)} writes
 * (HAPI's JsonParser, default options), several times faster: one walk over the model driven by
 * per-class metadata from HAPI's runtime definitions, fields read directly; no FhirTerser
 * containment scan, no repeated deep isEmpty checks, no Jackson layers. Stored documents and the
 * content hashes taken over them stay the same.
 *
 * <p>It keeps HAPI's quirks: definition order with {@code extension} and {@code modifierExtension}
 * written together at the first of them; resource ids as the id part only, none for {@code urn:}
 * ids; a versioned id adding {@code meta.versionId}; versions stripped from literal references;
 * {@code meta} tags and security labels without code and system dropped; {@code _name} siblings
 * only for primitives with extensions (their ids ride along, else are dropped); an element that is
 * not empty but writes nothing as {@code {}}; contained resources losing {@code versionId},
 * {@code lastUpdated} and {@code security}.
 *
 * <p>The whole call falls back to HAPI (its result, logging and exceptions) for what it does not
 * reproduce: references whose resource object HAPI would contain (in place, under a random id) or
 * take the text from, narrative XHTML ({@code text.div}), contained resources without an id, with a
 * {@code #} id or a shared one, local references matching no contained resource (HAPI warns),
 * extensions without url, or without both value and sub-extensions, or with both (HAPI throws),
 * ids with extensions, XML format comments, custom model classes and declared extensions, and
 * non-default context settings (narrative generator, profile tagging, reference versions).
 * Thread-safe; never changes the resource.
 */
public final class FhirJsonWriter {

    private FhirJsonWriter() {
    }

    /** The resource as HAPI's compact JSON. */
    public static String encode(IBaseResource resource) {
        StringBuilder out = new StringBuilder(8192);
        encode(resource, out);
        return out.toString();
    }

    /** Appends the resource as HAPI's compact JSON to {@code out}. */
    public static void encode(IBaseResource resource, StringBuilder out) {
        int start = out.length();
        if (encodeNatively(resource, out) != null) {
            out.setLength(start);
            out.append(FhirR4.json().encodeResourceToString(resource));
        }
    }

    /** Null when the resource encodes without falling back to HAPI, else why not (for tests and diagnostics). */
    static String fallbackReason(IBaseResource resource) {
        return encodeNatively(resource, new StringBuilder());
    }

    /** Writes the resource to {@code out}; null when done, else why HAPI must do it (out then holds a partial write). */
    private static String encodeNatively(IBaseResource resource, StringBuilder out) {
        if (!(resource instanceof Resource r)) {
            return "not an R4 resource";
        }
        if (!defaultSettings()) {
            return "non-default HAPI settings";
        }
        try {
            new Encoder(out).resource(r, null, false, false, null);
            return null;
        } catch (Fallback f) {
            return f.getMessage();
        } catch (RuntimeException e) {
            return "unexpected " + e; // e.g. nulls in lists: HAPI then gives its own result or exception
        }
    }

    /** HAPI's output depends on these context-wide settings; the fast path assumes their defaults. */
    private static boolean defaultSettings() {
        FhirContext ctx = FhirR4.context();
        ParserOptions o = ctx.getParserOptions();
        AddProfileTagEnum tag = ctx.getAddProfileTagWhenEncoding();
        return ctx.getNarrativeGenerator() == null
                && (tag == AddProfileTagEnum.ONLY_FOR_CUSTOM || tag == AddProfileTagEnum.NEVER)
                && o.isStripVersionsFromReferences()
                && o.getDontStripVersionsFromReferencesAtPaths().isEmpty();
    }

    /** Thrown (no stack trace) when the fast path meets something it does not reproduce; the message says what. */
    private static final class Fallback extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Fallback(String reason) {
            super(reason, null, false, false);
        }
    }

    private static Fallback fallback(String reason) {
        return new Fallback(reason);
    }

    // ---------------------------------------------------------------- metadata

    private static final int K_PRIMITIVE = 0;
    private static final int K_ID = 1;
    private static final int K_COMPOSITE = 2;
    private static final int K_RESOURCE = 3;
    private static final int K_XHTML = 4;
    private static final int K_UNSUPPORTED = 5;

    private static final int M_TEXT = 0;
    private static final int M_INTEGER = 1;
    private static final int M_DECIMAL = 2;
    private static final int M_BOOLEAN = 3;

    /** HAPI drops these elements (at any depth) inside contained resources. */
    private static final Set<String> NOT_IN_CONTAINED = Set.of("security", "versionId", "lastUpdated");

    private static final Field ELEMENT_EXTENSION = field(Element.class, "extension");
    private static final Field RESOURCE_ID = field(Resource.class, "id");
    private static final Field DOMAIN_CONTAINED = field(DomainResource.class, "contained");

    private static Field field(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object read(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> readList(Field f, Object target) {
        return (List<T>) read(f, target);
    }

    private static final ClassValue<TypeInfo> TYPES = new ClassValue<>() {
        @Override
        protected TypeInfo computeValue(Class<?> type) {
            return TypeInfo.of(type);
        }
    };

    /** The value[x] names and definitions of extension values, by value class. */
    private static final ClassValue<ValueInfo> EXTENSION_VALUES = new ClassValue<>() {
        @Override
        protected ValueInfo computeValue(Class<?> type) {
            try {
                FhirContext ctx = FhirR4.context();
                RuntimeChildUndeclaredExtensionDefinition ext = ctx.getRuntimeChildUndeclaredExtensionDefinition();
                @SuppressWarnings("unchecked")
                Class<? extends IBase> t = (Class<? extends IBase>) type;
                String name = ext.getChildNameByDatatype(t);
                if (name == null) {
                    name = "value" + WordUtils.capitalize(ctx.getElementDefinition(t).getName());
                }
                BaseRuntimeElementDefinition<?> def = ext.getChildElementDefinitionByDatatype(t);
                return ValueInfo.of(type, name, def);
            } catch (RuntimeException e) {
                return ValueInfo.unsupported(type);
            }
        }
    };

    /** How one value class is written under one child: its JSON name and kind. */
    private static final class ValueInfo {
        final Class<?> type;
        final int kind;
        final String name;
        /** {@code "name":} ready to append. */
        final String key;
        final boolean idPart;
        /** For primitives: how HAPI hands the value to Jackson (decided by class, as the value types are fixed per class). */
        final int mode;
        /** For composites: the class's metadata, looked up once. */
        private TypeInfo typeInfo;

        private ValueInfo(Class<?> type, int kind, String name) {
            this.type = type;
            this.kind = kind;
            this.name = name;
            this.key = name == null ? null : (quote(name) + ':').intern(); // interned: compared by identity
            this.idPart = "id".equals(name);
            this.mode = IBaseIntegerDatatype.class.isAssignableFrom(type) ? M_INTEGER
                    : IBaseDecimalDatatype.class.isAssignableFrom(type) ? M_DECIMAL
                    : IBaseBooleanDatatype.class.isAssignableFrom(type) ? M_BOOLEAN : M_TEXT;
        }

        TypeInfo typeInfo() {
            TypeInfo t = typeInfo;
            if (t == null) {
                t = TYPES.get(type);
                typeInfo = t;
            }
            if (t.unsupported) {
                throw fallback("unsupported model class");
            }
            return t;
        }

        static ValueInfo unsupported(Class<?> type) {
            return new ValueInfo(type, K_UNSUPPORTED, null);
        }

        static ValueInfo of(Class<?> type, String name, BaseRuntimeElementDefinition<?> def) {
            if (def == null || name == null) {
                return unsupported(type);
            }
            int kind = switch (def.getChildType()) {
                case PRIMITIVE_DATATYPE -> PrimitiveType.class.isAssignableFrom(type) ? K_PRIMITIVE : K_UNSUPPORTED;
                case ID_DATATYPE -> IdType.class.isAssignableFrom(type) ? K_ID : K_UNSUPPORTED;
                case COMPOSITE_DATATYPE, RESOURCE_BLOCK -> Base.class.isAssignableFrom(type) ? K_COMPOSITE : K_UNSUPPORTED;
                case RESOURCE -> Resource.class.isAssignableFrom(type) ? K_RESOURCE : K_UNSUPPORTED;
                case PRIMITIVE_XHTML_HL7ORG, PRIMITIVE_XHTML -> K_XHTML;
                default -> K_UNSUPPORTED;
            };
            return new ValueInfo(type, kind, name);
        }
    }

    /** One child of a composite type, in HAPI's encoding order. */
    private static final class Slot {
        static final int NORMAL = 0;
        static final int EXTENSIONS = 1;
        static final int CONTAINED = 2;

        final int kind;
        final String name;
        final BaseRuntimeChildDefinition def;
        final Field field;
        final boolean array;
        final boolean notInContained;
        final boolean meta;
        final boolean reference;
        private volatile ValueInfo last;
        private final ConcurrentHashMap<Class<?>, ValueInfo> byClass = new ConcurrentHashMap<>();

        Slot(int kind, String name, BaseRuntimeChildDefinition def, Field field, boolean array, boolean meta, boolean reference) {
            this.kind = kind;
            this.name = name;
            this.def = def;
            this.field = field;
            this.array = array;
            this.notInContained = NOT_IN_CONTAINED.contains(name);
            this.meta = meta;
            this.reference = reference;
        }

        ValueInfo info(Class<?> type) {
            ValueInfo v = last;
            if (v != null && v.type == type) {
                return v;
            }
            v = byClass.computeIfAbsent(type, this::compute);
            last = v;
            return v;
        }

        /** HAPI's BaseParser.getChildNameAndDef: the declared type, the "code" stand-in for enumerations, else a superclass. */
        @SuppressWarnings("unchecked")
        private ValueInfo compute(Class<?> type) {
            try {
                FhirContext ctx = FhirR4.context();
                Class<? extends IBase> t = (Class<? extends IBase>) type;
                String childName = def.getChildNameByDatatype(t);
                BaseRuntimeElementDefinition<?> childDef = def.getChildElementDefinitionByDatatype(t);
                if (childDef == null) {
                    BaseRuntimeElementDefinition<?> elementDef = ctx.getElementDefinition(t);
                    if (elementDef.getName().equals("code")) {
                        Class<? extends IBase> code = ctx.getElementDefinition("code").getImplementingClass();
                        childDef = def.getChildElementDefinitionByDatatype(code);
                        childName = def.getChildNameByDatatype(code);
                    }
                    if (childDef == null) {
                        Class<?> next = type;
                        while (IBase.class.isAssignableFrom(next) && childDef == null) {
                            if (!java.lang.reflect.Modifier.isAbstract(next.getModifiers())) {
                                BaseRuntimeElementDefinition<?> d = ctx.getElementDefinition((Class<? extends IBase>) next);
                                Class<? extends IBase> impl = d.getImplementingClass();
                                childDef = def.getChildElementDefinitionByDatatype(impl);
                                childName = def.getChildNameByDatatype(impl);
                            }
                            next = next.getSuperclass();
                        }
                    }
                }
                return ValueInfo.of(type, childName, childDef);
            } catch (RuntimeException e) {
                return ValueInfo.unsupported(type);
            }
        }
    }

    /** A composite type (resource, datatype, backbone element): its children in HAPI's order. */
    private static final class TypeInfo {
        final boolean unsupported;
        final Slot[] slots;
        final Field extension;
        final Field modifierExtension;
        /** {@code "resourceType":"X"} for resources. */
        final String resourceType;
        /** Resource.meta, for the auto-version-references extension check. */
        final Field meta;
        final boolean reference;

        private TypeInfo(boolean unsupported, Slot[] slots, Field extension, Field modifierExtension, String resourceType, Field meta,
                boolean reference) {
            this.unsupported = unsupported;
            this.slots = slots;
            this.extension = extension;
            this.modifierExtension = modifierExtension;
            this.resourceType = resourceType;
            this.meta = meta;
            this.reference = reference;
        }

        static final TypeInfo UNSUPPORTED = new TypeInfo(true, new Slot[0], null, null, null, null, false);

        @SuppressWarnings("unchecked")
        static TypeInfo of(Class<?> type) {
            try {
                if (!IBase.class.isAssignableFrom(type)) {
                    return UNSUPPORTED;
                }
                BaseRuntimeElementDefinition<?> d = FhirR4.context().getElementDefinition((Class<? extends IBase>) type);
                if (!(d instanceof BaseRuntimeElementCompositeDefinition<?> cd) || d.getImplementingClass() != type) {
                    return UNSUPPORTED;
                }
                if (!d.getExtensions().isEmpty()) {
                    return UNSUPPORTED; // declared (custom) extensions
                }
                String resourceType = null;
                if (d instanceof RuntimeResourceDefinition rd) {
                    if (!rd.isStandardType()) {
                        return UNSUPPORTED; // HAPI may add a profile tag
                    }
                    resourceType = quote("resourceType") + ':' + quote(rd.getName());
                }
                boolean reference = IBaseReference.class.isAssignableFrom(type);
                if (reference && type != Reference.class) {
                    return UNSUPPORTED;
                }
                List<Slot> slots = new ArrayList<>();
                Field ext = null;
                Field mod = null;
                Field metaField = null;
                for (BaseRuntimeChildDefinition child : cd.getChildrenAndExtension()) {
                    String name = child.getElementName();
                    if (name.equals("id")) {
                        continue; // resource ids and element ids are written apart
                    }
                    if (child instanceof RuntimeChildDeclaredExtensionDefinition) {
                        return UNSUPPORTED;
                    }
                    if (!(child instanceof BaseRuntimeDeclaredChildDefinition dc) || dc.getField() == null || !plainAccessor(child)) {
                        return UNSUPPORTED;
                    }
                    Field f = dc.getField();
                    f.setAccessible(true);
                    if (name.equals("extension") || name.equals("modifierExtension")) {
                        if (name.equals("extension")) {
                            ext = f;
                        } else {
                            mod = f;
                        }
                        slots.add(new Slot(Slot.EXTENSIONS, name, child, f, true, false, false));
                    } else if (child instanceof RuntimeChildContainedResources) {
                        slots.add(new Slot(Slot.CONTAINED, name, child, f, true, false, false));
                    } else {
                        boolean array = child.isMultipleCardinality()
                                || (child.getReplacedParentDefinition() != null && child.getReplacedParentDefinition().isMultipleCardinality());
                        boolean meta = name.equals("meta") && child.getChildByName("meta") != null
                                && IBaseMetaType.class.isAssignableFrom(child.getChildByName("meta").getImplementingClass());
                        if (array != List.class.isAssignableFrom(f.getType())) {
                            return UNSUPPORTED;
                        }
                        if (meta) {
                            metaField = f;
                        }
                        slots.add(new Slot(Slot.NORMAL, name, child, f, array, meta, reference && name.equals("reference")));
                    }
                }
                if (resourceType != null && metaField == null) {
                    return UNSUPPORTED;
                }
                return new TypeInfo(false, slots.toArray(Slot[]::new), ext, mod, resourceType, metaField, reference);
            } catch (RuntimeException e) {
                return UNSUPPORTED;
            }
        }

        private static boolean plainAccessor(BaseRuntimeChildDefinition child) {
            String n = child.getAccessor().getClass().getName();
            return n.equals(BaseRuntimeDeclaredChildDefinition.class.getName() + "$FieldListAccessor")
                    || n.equals(BaseRuntimeDeclaredChildDefinition.class.getName() + "$FieldPlainAccessor");
        }
    }

    private static TypeInfo type(Object value) {
        TypeInfo t = TYPES.get(value.getClass());
        if (t.unsupported) {
            throw fallback("unsupported model class");
        }
        return t;
    }

    // ---------------------------------------------------------------- writing

    /** Contained resources of the resource being encoded (HAPI keeps the last one set, as here). */
    private record ContainedSet(Resource[] resources, String[] ids, String[] idParts) {
        static final ContainedSet NONE = new ContainedSet(new Resource[0], new String[0], new String[0]);

        boolean holdsIdentical(IBaseResource target) {
            for (Resource r : resources) {
                if (r == target) {
                    return true;
                }
            }
            return false;
        }

        boolean matches(String localRef) {
            String expected = localRef.substring(1);
            for (String p : idParts) {
                if (p.equals(expected)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final class Encoder {
        private final StringBuilder sb;
        private ContainedSet contained = ContainedSet.NONE;
        /** Every contained resource of this call so far: HAPI passes them on from resource to resource. */
        private IdentityHashMap<IBaseResource, Boolean> everContained;

        Encoder(StringBuilder sb) {
            this.sb = sb;
        }

        /** A comma unless right after an opening bracket: every member and array item starts with this. */
        private void sep() {
            int n = sb.length();
            if (n > 0) {
                char c = sb.charAt(n - 1);
                if (c != '{' && c != '[') {
                    sb.append(',');
                }
            }
        }

        /**
         * One resource (HAPI's encodeResourceToJsonStreamWriter): at top level (key null), as a
         * resource-typed child such as Bundle.entry.resource (key set), or as an item of the
         * contained list ({@code containedItem}, with the id HAPI derives for it). Returns whether
         * anything beyond its resourceType was written.
         */
        boolean resource(Resource r, String key, boolean inContained, boolean containedItem, String containedId) {
            TypeInfo t = type(r);
            String id = null;
            if (containedItem) {
                id = StringUtils.isBlank(containedId) ? null : containedId;
            } else {
                IdType idEl = (IdType) read(RESOURCE_ID, r);
                if (idEl != null && StringUtils.isNotBlank(idEl.getIdPart()) && !idEl.getValue().startsWith("urn:")) {
                    id = idEl.getIdPart();
                    if (idEl.hasFormatComment() || hasItems(readList(ELEMENT_EXTENSION, idEl))) {
                        throw fallback("resource id with extensions"); // HAPI would add an _id object
                    }
                }
                if (!inContained) {
                    contained = containedOf(r);
                    if (contained.resources.length > 0) {
                        if (everContained == null) {
                            everContained = new IdentityHashMap<>();
                        }
                        for (Resource c : contained.resources) {
                            everContained.put(c, Boolean.TRUE);
                        }
                    }
                }
            }
            Meta meta = (Meta) read(t.meta, r);
            if (meta != null && hasAutoVersionExtension(meta)) {
                throw fallback("auto-version-references meta extension"); // changes which references keep their version
            }
            if (key != null) {
                sep();
                sb.append(key);
            } else if (containedItem) {
                sep();
            }
            sb.append('{').append(t.resourceType);
            int mark = sb.length();
            if (id != null) {
                sb.append(",\"id\":");
                string(id);
            }
            body(r, t, r, inContained);
            sb.append('}');
            return sb.length() != mark + 1;
        }

        private static boolean hasAutoVersionExtension(Meta meta) {
            List<Extension> ext = readList(ELEMENT_EXTENSION, meta);
            if (ext != null) {
                for (Extension e : ext) {
                    if (e != null && HapiExtensions.EXTENSION_AUTO_VERSION_REFERENCES_AT_PATH.equals(e.getUrl())) {
                        return true;
                    }
                }
            }
            return false;
        }

        /** HAPI's FhirTerser.containResources for a resource whose references carry no resource objects. */
        private static ContainedSet containedOf(Resource r) {
            if (!(r instanceof DomainResource)) {
                return ContainedSet.NONE;
            }
            List<Resource> list = readList(DOMAIN_CONTAINED, r);
            if (list == null || list.isEmpty()) {
                return ContainedSet.NONE;
            }
            int n = list.size();
            Resource[] res = new Resource[n];
            String[] ids = new String[n];
            String[] parts = new String[n];
            IdentityHashMap<Resource, Boolean> seen = new IdentityHashMap<>();
            for (int i = 0; i < n; i++) {
                Resource c = list.get(i);
                IdType idEl = c == null ? null : (IdType) read(RESOURCE_ID, c);
                String value = idEl == null ? null : idEl.getValue();
                if (StringUtils.isBlank(value) || value.startsWith("#") || seen.put(c, Boolean.TRUE) != null) {
                    throw fallback("contained resource without id, with a #id or twice"); // HAPI assigns a random id, strips '#' in place, or drops a duplicate
                }
                String part = idEl.getIdPart();
                if (StringUtils.isBlank(part)) {
                    throw fallback("contained resource without id, with a #id or twice");
                }
                for (int j = 0; j < i; j++) {
                    if (Objects.equals(parts[j], part)) {
                        throw fallback("contained resources sharing an id");
                    }
                }
                res[i] = c;
                parts[i] = part;
                ids[i] = new IdType(value).getIdPart();
            }
            return new ContainedSet(res, ids, parts);
        }

        /** The members of a composite (after its opening brace): element id, then children in order. */
        private void body(Base element, TypeInfo t, Resource current, boolean inContained) {
            if (element instanceof Element e) {
                String id = e.getId();
                if (StringUtils.isNotBlank(id)) {
                    sep();
                    sb.append("\"id\":");
                    string(id);
                }
            }
            boolean extensionsDone = false;
            for (Slot s : t.slots) {
                switch (s.kind) {
                    case Slot.EXTENSIONS -> {
                        if (!extensionsDone) {
                            extensionsDone = true;
                            directExtensions(element, t, current);
                        }
                    }
                    case Slot.CONTAINED -> {
                        if (!inContained) {
                            containedList();
                        }
                    }
                    default -> {
                        if (!(inContained && s.notInContained)) {
                            child(element, s, current, inContained);
                        }
                    }
                }
            }
        }

        private void containedList() {
            ContainedSet c = contained;
            if (c.resources.length == 0) {
                return;
            }
            sep();
            sb.append("\"contained\":[");
            for (int i = 0; i < c.resources.length; i++) {
                resource(c.resources[i], null, true, true, c.ids[i]);
            }
            sb.append(']');
        }

        private String openArray(String key) {
            sep();
            sb.append(key).append('[');
            return key;
        }

        /** One child's values (HAPI's encodeCompositeElementChildrenToStreamWriter loop). */
        private void child(Base element, Slot s, Resource current, boolean inContained) {
            Object raw = read(s.field, element);
            List<?> list = null;
            Object single = null;
            int n;
            if (raw == null) {
                n = 0;
            } else if (raw instanceof List<?> l) {
                list = l;
                n = l.size();
            } else {
                single = raw;
                n = 1;
            }
            if (n == 0) {
                if (!s.meta) {
                    return;
                }
                // HAPI encodes a fresh Meta, which a versioned resource id fills in.
                IdType rid = (IdType) read(RESOURCE_ID, current);
                if (rid == null || !rid.hasVersionIdPart()) {
                    return;
                }
                single = processMeta(new Meta(), current);
                n = 1;
            } else if (n == 1) {
                Object v = single != null ? single : list.get(0);
                if (v instanceof Meta m) { // R4's only IBaseMetaType; a class test is much cheaper than an interface one
                    single = processMeta(m, current);
                    list = null;
                }
            }
            String arrayKey = null; // set while this child's array is open
            String lastKey = null;
            int count = 0;
            List<Extension>[] heldExtensions = null;
            String[] heldIds = null;
            for (int i = 0; i < n; i++) {
                Object v = list == null ? single : list.get(i);
                if (v == null) {
                    continue;
                }
                ValueInfo vi = s.info(v.getClass());
                if (vi.kind == K_UNSUPPORTED) {
                    throw fallback("value of a type the element does not allow"); // HAPI throws
                }
                if (arrayKey != null && vi.key != arrayKey) {
                    throw fallback("repeating choice changing type"); // not in the R4 model
                }
                switch (vi.kind) {
                    case K_PRIMITIVE -> {
                        PrimitiveType<?> p = (PrimitiveType<?>) v;
                        String str = s.reference ? referenceText(p, ((Reference) element).getResource()) : p.getValueAsString();
                        boolean blank = StringUtils.isBlank(str);
                        if (blank && p.isEmpty()) {
                            continue;
                        }
                        if (p.hasFormatComment()) {
                            throw fallback("format comment");
                        }
                        boolean held = p.hasExtension(); // HAPI's filter here too: any extension that is not empty
                        List<Extension> ext = held ? p.getExtension() : null;
                        String eid = p.getId();
                        boolean hasId = StringUtils.isNotBlank(eid);
                        if (held) {
                            if (heldExtensions == null) {
                                @SuppressWarnings("unchecked")
                                List<Extension>[] a = new List[n];
                                heldExtensions = a;
                            }
                            heldExtensions[count] = ext;
                        }
                        if (hasId) {
                            if (heldIds == null) {
                                heldIds = new String[n];
                            }
                            heldIds[count] = eid;
                        }
                        if (s.array) {
                            if (arrayKey == null) {
                                arrayKey = openArray(vi.key);
                            }
                            if (!blank) {
                                sep();
                                primitive(p, str, vi.mode);
                            } else if (held || hasId) {
                                sep();
                                sb.append("null");
                            }
                        } else if (!blank) {
                            sep();
                            sb.append(vi.key);
                            primitive(p, str, vi.mode);
                        }
                        lastKey = vi.key;
                        count++;
                    }
                    case K_ID -> {
                        IdType id = (IdType) v;
                        if (StringUtils.isBlank(id.getValueAsString()) && id.isEmpty()) {
                            continue;
                        }
                        String str = vi.idPart && !s.array ? id.getIdPart() : id.getValue();
                        if (s.array) {
                            if (arrayKey == null) {
                                arrayKey = openArray(vi.key);
                            }
                            if (StringUtils.isNotBlank(str)) {
                                sep();
                                string(str);
                            }
                        } else if (StringUtils.isNotBlank(str)) {
                            sep();
                            sb.append(vi.key);
                            string(str);
                        }
                        count++;
                    }
                    case K_COMPOSITE -> {
                        Base b = (Base) v;
                        int mark = sb.length();
                        sep();
                        if (s.array) {
                            if (arrayKey == null) {
                                sb.append(vi.key).append('[');
                            }
                        } else {
                            sb.append(vi.key);
                        }
                        sb.append('{');
                        int inner = sb.length();
                        composite(b, vi.typeInfo(), current, inContained);
                        if (sb.length() == inner && b.isEmpty()) {
                            sb.setLength(mark); // HAPI skips empty values
                            continue;
                        }
                        sb.append('}');
                        if (s.array) {
                            arrayKey = vi.key;
                        }
                        count++;
                    }
                    case K_RESOURCE -> {
                        if (s.array) {
                            throw fallback("repeating resource child"); // none in R4 besides contained
                        }
                        Resource r = (Resource) v;
                        int mark = sb.length();
                        if (!resource(r, vi.key, inContained, false, null) && r.isEmpty()) {
                            sb.setLength(mark);
                            throw fallback("empty nested resource"); // HAPI may first give it its Bundle entry's urn id
                        }
                        count++;
                    }
                    case K_XHTML -> {
                        if (!((IBase) v).isEmpty()) {
                            throw fallback("narrative xhtml");
                        }
                    }
                    default -> throw fallback("unsupported element kind");
                }
            }
            if (arrayKey != null) {
                sb.append(']');
            }
            if (heldExtensions != null) {
                heldPrimitiveExtensions(lastKey, s.array, count, heldExtensions, heldIds, current);
            }
        }

        /** The {@code _name} sibling of primitives that carry extensions (ids ride along). */
        private void heldPrimitiveExtensions(String key, boolean array, int count, List<Extension>[] exts, String[] ids, Resource current) {
            sep();
            sb.append('"').append('_').append(key, 1, key.length());
            sb.append(array ? '[' : '{');
            for (int i = 0; i < count; i++) {
                List<Extension> e = exts[i]; // only kept when one of them is not empty
                boolean hasExt = e != null;
                String id = ids == null ? null : ids[i];
                boolean content = hasExt || StringUtils.isNotBlank(id);
                if (!content) {
                    sep();
                    sb.append("null");
                    continue;
                }
                if (array) {
                    sep();
                    sb.append('{');
                }
                if (StringUtils.isNotBlank(id)) {
                    sep();
                    sb.append("\"id\":");
                    string(id);
                }
                if (hasExt) {
                    sep();
                    sb.append("\"extension\":[");
                    for (Extension x : e) {
                        if (!x.isEmpty()) {
                            extension(x, current);
                        }
                    }
                    sb.append(']');
                }
                if (array) {
                    sb.append('}');
                }
            }
            sb.append(array ? ']' : '}');
        }

        private void composite(Base b, TypeInfo t, Resource current, boolean inContained) {
            if (t.reference) {
                IBaseResource target = ((Reference) b).getResource();
                if (target != null) {
                    checkTarget((Reference) b, target);
                }
            }
            body(b, t, current, inContained);
        }

        /**
         * A reference carrying its target object (the parser links local and in-Bundle references):
         * HAPI leaves it alone if the text names it and the target has a real id that no earlier
         * resource of this call had contained; otherwise it contains the target in place or takes
         * the text from it.
         */
        private void checkTarget(Reference ref, IBaseResource target) {
            IdType targetId = target instanceof Resource r ? (IdType) read(RESOURCE_ID, r) : null;
            if (targetId == null || targetId.isEmpty() || targetId.isLocal()) {
                throw fallback("reference with a resource object to contain");
            }
            if (StringUtils.isBlank(new IdType(ref.getReference()).getIdPart())) {
                throw fallback("reference with a resource object and no text");
            }
            if (everContained != null && everContained.containsKey(target) && !contained.holdsIdentical(target)) {
                throw fallback("reference to a resource contained elsewhere");
            }
        }

        /** HAPI's preProcessValues for Meta: a copy with versionId from the resource id and coded tags only. */
        private static Meta processMeta(Meta meta, Resource current) {
            Meta copy = meta.copy();
            if (StringUtils.isBlank(copy.getVersionId())) {
                IdType rid = (IdType) read(RESOURCE_ID, current);
                if (rid != null && rid.hasVersionIdPart()) {
                    copy.setVersionId(rid.getVersionIdPart());
                }
            }
            dropUncoded(copy.getTag());
            dropUncoded(copy.getSecurity());
            return copy;
        }

        private static void dropUncoded(List<Coding> codings) {
            codings.removeIf(c -> StringUtils.isBlank(c.getCode()) && StringUtils.isBlank(c.getSystem()));
        }

        /** The text HAPI writes for Reference.reference: versions stripped, local refs checked, a type taken from the target. */
        private String referenceText(PrimitiveType<?> p, IBaseResource target) {
            String s = p.getValueAsString();
            if (s == null || s.isEmpty()) {
                return s;
            }
            if (s.charAt(0) == '#' && s.length() > 1) {
                if (!contained.matches(s)) {
                    throw fallback("dangling local reference"); // HAPI warns about it
                }
                return s;
            }
            if (s.startsWith("urn:")) {
                return s;
            }
            IdType ref = new IdType(s);
            if (StringUtils.isBlank(ref.getIdPart())) {
                return s;
            }
            if (ref.isLocal() && !ref.getValue().equals("#") && !contained.matches(ref.getValue())) {
                throw fallback("dangling local reference");
            }
            String original = ref.getValue();
            if (target != null && !ref.hasResourceType() && !ref.isLocal()) {
                ref = ref.withResourceType(FhirR4.context().getResourceType(target));
            }
            String versionless = ref.toVersionless().getValue();
            return Objects.equals(versionless, original) ? s : versionless;
        }

        /** Extensions and modifier extensions of a composite, written together where the first of them sits. */
        private void directExtensions(Base element, TypeInfo t, Resource current) {
            if (t.extension != null) {
                extensionArray("\"extension\":[", readList(t.extension, element), false, current);
            }
            if (t.modifierExtension != null) {
                extensionArray("\"modifierExtension\":[", readList(t.modifierExtension, element), true, current);
            }
        }

        /**
         * HAPI's filters: it drops an extension with neither value nor sub-extensions, a modifier one
         * only when wholly empty (if that leaves the element writing nothing, child() asks isEmpty()
         * as HAPI does).
         */
        private void extensionArray(String open, List<Extension> list, boolean modifier, Resource current) {
            if (list == null || list.isEmpty()) {
                return;
            }
            boolean opened = false;
            for (Extension x : list) {
                if (x == null || (modifier ? x.isEmpty() : isEmpty(x.getValue()) && !hasItems(readList(ELEMENT_EXTENSION, x)))) {
                    continue;
                }
                if (!opened) {
                    sep();
                    sb.append(open);
                    opened = true;
                }
                extension(x, current);
            }
            if (opened) {
                sb.append(']');
            }
        }

        /** HAPI's writeUndeclaredExtension: id, url, then sub-extensions or value[x] (+ _value[x]). */
        private void extension(Extension x, Resource current) {
            sep();
            sb.append('{');
            String id = x.getId();
            if (StringUtils.isNotBlank(id)) {
                sb.append("\"id\":");
                string(id);
            }
            String url = x.getUrl();
            if (StringUtils.isBlank(url)) {
                throw fallback("extension without url"); // HAPI reports it
            }
            sep();
            sb.append("\"url\":");
            string(url);
            Type value = x.getValue();
            boolean noValue = value == null || value.isEmpty();
            List<Extension> nested = readList(ELEMENT_EXTENSION, x);
            boolean hasNested = nested != null && !nested.isEmpty();
            if (noValue == !hasNested) {
                throw fallback("extension with neither or both of value and sub-extensions"); // HAPI warns, or throws
            }
            if (hasNested) {
                sb.append(",\"extension\":[");
                for (Extension n : nested) {
                    if (n == null) {
                        throw fallback("null sub-extension");
                    }
                    extension(n, current);
                }
                sb.append(']');
            } else {
                Base v = value instanceof Meta m ? processMeta(m, current) : value;
                ValueInfo vi = EXTENSION_VALUES.get(v.getClass());
                switch (vi.kind) {
                    case K_PRIMITIVE -> {
                        PrimitiveType<?> p = (PrimitiveType<?>) v;
                        String str = p.getValueAsString();
                        if (StringUtils.isNotBlank(str)) {
                            sb.append(',').append(vi.key);
                            primitive(p, str, vi.mode);
                        }
                        valueExtensions(p, vi.key, current);
                    }
                    case K_ID -> {
                        IdType idv = (IdType) v;
                        String str = vi.idPart ? idv.getIdPart() : idv.getValue();
                        if (StringUtils.isNotBlank(str)) {
                            sb.append(',').append(vi.key);
                            string(str);
                        }
                        valueExtensions(idv, vi.key, current);
                    }
                    case K_COMPOSITE -> {
                        sb.append(',').append(vi.key).append('{');
                        composite(v, vi.typeInfo(), current, false);
                        sb.append('}');
                    }
                    default -> throw fallback("unsupported extension value type");
                }
            }
            sb.append('}');
        }

        /** HAPI's managePrimitiveExtension: extensions of a primitive extension value as {@code _value[x]}. */
        private void valueExtensions(Element p, String key, Resource current) {
            List<Extension> ext = readList(ELEMENT_EXTENSION, p);
            if (ext == null || ext.isEmpty()) {
                return;
            }
            boolean open = false;
            for (Extension x : ext) {
                if (x == null || (isEmpty(x.getValue()) && !hasItems(readList(ELEMENT_EXTENSION, x)))) {
                    continue;
                }
                if (!open) {
                    sb.append(",\"_").append(key, 1, key.length()).append("{\"extension\":[");
                    open = true;
                }
                extension(x, current);
            }
            if (open) {
                sb.append("]}");
            }
        }

        /** A primitive's value the way HAPI hands it to Jackson: strings quoted, numbers and booleans bare. */
        private void primitive(PrimitiveType<?> p, String str, int mode) {
            switch (mode) {
                case M_INTEGER -> {
                    Integer value = ((IBaseIntegerDatatype) p).getValue();
                    if (value == null) {
                        throw fallback("integer without value");
                    }
                    sb.append(value.intValue());
                }
                case M_DECIMAL -> {
                    if (((IBaseDecimalDatatype) p).getValue() == null) {
                        throw fallback("decimal without value");
                    }
                    sb.append(str); // HAPI hands Jackson a BigDecimal whose toString() is the original text
                }
                case M_BOOLEAN -> {
                    Boolean value = ((IBaseBooleanDatatype) p).getValue();
                    if (value == null) {
                        throw fallback("boolean without value");
                    }
                    sb.append(value.booleanValue() ? "true" : "false");
                }
                default -> {
                    if (p.getValue() instanceof Long l) { // HAPI checks String first, then Long: both only matter for Long
                        sb.append(l.longValue());
                    } else {
                        string(str);
                    }
                }
            }
        }

        /** A JSON string escaped as Jackson's default generator does (control chars, quote, backslash only). */
        private void string(String s) {
            StringBuilder b = sb;
            b.append('"');
            int start = 0;
            int n = s.length();
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c >= 0x20 && c != '"' && c != '\\') {
                    continue;
                }
                b.append(s, start, i);
                start = i + 1;
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\b' -> b.append("\\b");
                    case '\t' -> b.append("\\t");
                    case '\f' -> b.append("\\f");
                    case '\n' -> b.append("\\n");
                    case '\r' -> b.append("\\r");
                    default -> b.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
                }
            }
            b.append(s, start, n);
            b.append('"');
        }
    }

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private static boolean isEmpty(IBase b) {
        return b == null || b.isEmpty();
    }

    private static boolean hasItems(List<?> l) {
        return l != null && !l.isEmpty();
    }

    /** A JSON string literal for names known at metadata time. */
    private static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2);
        new Encoder(b).string(s);
        return b.toString();
    }
}
