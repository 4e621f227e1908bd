package io.claimbridge.normalize.hl7v2;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Practitioner;

import io.claimbridge.model.Canonical;
import io.claimbridge.normalize.ResourceIds;

/**
 * XPN/XAD/XCN → HumanName/Address/Practitioner (v2-to-FHIR datatype maps). Practitioners are
 * collected once per identifier so the same doctor in PV1-7, ROL and FT1-20 is one resource.
 */
final class V2People {

    private final String sender;
    private final Map<String, Practitioner> practitioners = new LinkedHashMap<>();

    V2People(String sender) {
        this.sender = sender;
    }

    List<Practitioner> practitioners() {
        return List.copyOf(practitioners.values());
    }

    /** XPN: family(.1) ^ given ^ middle ^ suffix ^ prefix. */
    static HumanName name(V2Field f) {
        String family = f.c(1, 1);
        String given = f.c(2);
        if (family == null && given == null) {
            return null;
        }
        HumanName n = new HumanName().setFamily(family);
        if (given != null) n.addGiven(given);
        String middle = f.c(3);
        String suffix = f.c(4);
        String prefix = f.c(5);
        if (middle != null) n.addGiven(middle);
        if (suffix != null) n.addSuffix(suffix);
        if (prefix != null) n.addPrefix(prefix);
        String type = f.c(7);
        if ("L".equals(type)) n.setUse(HumanName.NameUse.OFFICIAL);
        else if ("M".equals(type)) n.setUse(HumanName.NameUse.MAIDEN);
        else if ("N".equals(type)) n.setUse(HumanName.NameUse.NICKNAME);
        return n;
    }

    /** XAD: street(.1) ^ other ^ city ^ state ^ zip ^ country ^ type. */
    static Address address(V2Field f) {
        String street = f.c(1, 1);
        String city = f.c(3);
        String zip = f.c(5);
        if (street == null && city == null && zip == null) {
            return null;
        }
        Address a = new Address();
        String other = f.c(2);
        if (street != null) a.addLine(street);
        if (other != null) a.addLine(other);
        a.setCity(city).setState(f.c(4)).setPostalCode(zip).setCountry(f.c(6));
        String type = f.c(7);
        if ("H".equals(type)) a.setUse(Address.AddressUse.HOME);
        else if ("B".equals(type) || "O".equals(type)) a.setUse(Address.AddressUse.WORK);
        else if ("M".equals(type)) a.setType(Address.AddressType.POSTAL);
        return a;
    }

    /**
     * XCN: id ^ family ^ given ^ middle ^ suffix ^ prefix ^ degree ^ source ^ assigning authority(9)
     * ^ ... ^ identifier type(13). The id is an NPI when typed NPI (13 or 9) or when it has a valid
     * NPI check digit; otherwise a sender-local provider id.
     */
    Practitioner practitioner(V2Field f) {
        String id = f.c(1);
        boolean npi = "NPI".equalsIgnoreCase(f.c(13)) || "NPI".equalsIgnoreCase(f.c(9)) || Npi.isValid(id);
        if (id != null) {
            // Known and named already (the same doctor in PV1, ROL, FT1...): the XCN's name would be dropped.
            Practitioner known = practitioners.get(key(npi, id, null));
            if (known != null && known.hasName()) {
                return known;
            }
        }
        return practitioner(id, npi, xcnName(f));
    }

    /** The name part of an XCN (components 2–6), or null. */
    static HumanName xcnName(V2Field f) {
        HumanName name = new HumanName().setFamily(f.c(2, 1));
        String given = f.c(3);
        String middle = f.c(4);
        String suffix = f.c(5);
        String prefix = f.c(6);
        if (given != null) name.addGiven(given);
        if (middle != null) name.addGiven(middle);
        if (suffix != null) name.addSuffix(suffix);
        if (prefix != null) name.addPrefix(prefix);
        return name.isEmpty() ? null : name;
    }

    Practitioner practitioner(String id, boolean isNpi, HumanName name) {
        if (id == null && name == null) {
            return null;
        }
        String system = system(isNpi);
        String key = key(isNpi, id, name);
        Practitioner p = practitioners.get(key);
        if (p == null) {
            p = new Practitioner();
            p.setId(ResourceIds.urn("Practitioner", key));
            if (id != null) {
                p.addIdentifier().setSystem(system).setValue(id);
            }
            practitioners.put(key, p);
        }
        if (name != null && !p.hasName()) {
            p.addName(name);
        }
        return p;
    }

    private String system(boolean isNpi) {
        return isNpi ? Canonical.NPI_SYSTEM : Canonical.PROVIDER_ID_SYSTEM_PREFIX + sender;
    }

    /** One practitioner per identifier (system|id), else per name. */
    private String key(boolean isNpi, String id, HumanName name) {
        return id != null ? system(isNpi) + "|" + id : "name|" + name.getFamily() + "|" + name.getGivenAsSingleString();
    }
}
