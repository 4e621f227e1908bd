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
        if (f.c(3) != null) n.addGiven(f.c(3));
        if (f.c(4) != null) n.addSuffix(f.c(4));
        if (f.c(5) != null) n.addPrefix(f.c(5));
        String type = f.c(7);
        if ("L".equals(type)) n.setUse(HumanName.NameUse.OFFICIAL);
        else if ("M".equals(type)) n.setUse(HumanName.NameUse.MAIDEN);
        else if ("N".equals(type)) n.setUse(HumanName.NameUse.NICKNAME);
        return n;
    }

    /** XAD: street(.1) ^ other ^ city ^ state ^ zip ^ country ^ type. */
    static Address address(V2Field f) {
        if (f.c(1, 1) == null && f.c(3) == null && f.c(5) == null) {
            return null;
        }
        Address a = new Address();
        if (f.c(1, 1) != null) a.addLine(f.c(1, 1));
        if (f.c(2) != null) a.addLine(f.c(2));
        a.setCity(f.c(3)).setState(f.c(4)).setPostalCode(f.c(5)).setCountry(f.c(6));
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
        boolean npiTyped = "NPI".equalsIgnoreCase(f.c(13)) || "NPI".equalsIgnoreCase(f.c(9));
        return practitioner(id, npiTyped || Npi.isValid(id), xcnName(f));
    }

    /** The name part of an XCN (components 2–6), or null. */
    static HumanName xcnName(V2Field f) {
        HumanName name = new HumanName().setFamily(f.c(2, 1));
        if (f.c(3) != null) name.addGiven(f.c(3));
        if (f.c(4) != null) name.addGiven(f.c(4));
        if (f.c(5) != null) name.addSuffix(f.c(5));
        if (f.c(6) != null) name.addPrefix(f.c(6));
        return name.isEmpty() ? null : name;
    }

    Practitioner practitioner(String id, boolean isNpi, HumanName name) {
        if (id == null && name == null) {
            return null;
        }
        String system = isNpi ? Canonical.NPI_SYSTEM : Canonical.PROVIDER_ID_SYSTEM_PREFIX + sender;
        String key = id != null ? system + "|" + id : "name|" + name.getFamily() + "|" + name.getGivenAsSingleString();
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
}
