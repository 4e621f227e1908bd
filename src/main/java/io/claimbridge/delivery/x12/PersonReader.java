package io.claimbridge.delivery.x12;

import java.time.LocalDate;
import java.util.List;

import org.hl7.fhir.r4.model.Address;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DomainResource;
import org.hl7.fhir.r4.model.Enumerations;
import org.hl7.fhir.r4.model.HumanName;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.RelatedPerson;
import org.hl7.fhir.r4.model.StringType;

/**
 * Reads the people on a claim (Patient or RelatedPerson: subscriber, patient, other subscriber)
 * and addresses into {@link ClaimFacts} terms, adding a reason for each value the 837 requires
 * and cannot get.
 */
final class PersonReader {
    private PersonReader() {
    }

    static ClaimFacts.Person person(DomainResource r, String memberId, String role, boolean demographics,
                                    List<String> reasons) {
        List<HumanName> names;
        List<Address> addresses;
        Enumerations.AdministrativeGender gender;
        DateType birth;
        if (r instanceof Patient p) {
            names = p.getName();
            addresses = p.getAddress();
            gender = p.getGender();
            birth = p.getBirthDateElement();
        } else if (r instanceof RelatedPerson rp) {
            names = rp.getName();
            addresses = rp.getAddress();
            gender = rp.getGender();
            birth = rp.getBirthDateElement();
        } else {
            return null;
        }
        HumanName name = names.isEmpty() ? null : names.get(0);
        if (name == null || !name.hasFamily()) {
            reasons.add(role + " family name missing");
            return null;
        }
        List<StringType> given = name.getGiven();
        String first = given.isEmpty() ? null : given.get(0).getValue();
        String middle = given.size() > 1 ? given.get(1).getValue() : null;
        ClaimFacts.Address address = null;
        // A birth date is a calendar date: read its fields, never through a time zone.
        LocalDate birthDate = birth == null || birth.getValue() == null ? null
                : LocalDate.of(birth.getYear(), birth.getMonth() + 1, birth.getDay());
        if (demographics) {
            // 5010: address and DMG are required for whoever is the patient.
            address = AddressReader.required(addresses.isEmpty() ? null : addresses.get(0),
                    role.equals("patient") ? "2010CA" : "2010BA", role, reasons);
            if (birthDate == null) {
                reasons.add(role + " birth date (DMG02) missing");
            }
        }
        String g = gender == null ? "U" : switch (gender) {
            case MALE -> "M";
            case FEMALE -> "F";
            default -> "U";
        };
        return new ClaimFacts.Person(name.getFamily(), first, middle, memberId, address, birthDate, g);
    }

    /**
     * 2330A other subscriber: name and member id are required, the address is situational (sent
     * when complete), birth date and sex are not carried in the loop.
     */
    static ClaimFacts.Person otherSubscriber(DomainResource r, String memberId, String role, List<String> reasons) {
        ClaimFacts.Person p = person(r, memberId, role, false, reasons);
        if (p == null) {
            return null;
        }
        List<Address> addresses = r instanceof Patient pt ? pt.getAddress()
                : r instanceof RelatedPerson rp ? rp.getAddress() : List.of();
        return new ClaimFacts.Person(p.last(), p.first(), p.middle(), memberId,
                AddressReader.situational(addresses, "2330A", role), null, null);
    }
}
