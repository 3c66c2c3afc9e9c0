package dev.trajforge.collector.anonymize;

import java.util.Locale;

/** A kind of personal value the anonymizer finds and replaces; one config switch and one audit count each. */
public enum Detector {
    EMAIL, PHONE, CARD, IBAN, NATIONAL_ID, IP, BIRTH_DATE, STREET_ADDRESS, PERSON_NAME;

    /** The name in configs and manifests: {@code email}, {@code national_id}, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Detector fromWireName(String wireName) {
        for (Detector d : values()) {
            if (d.wireName().equals(wireName)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown detector '" + wireName + "'");
    }
}
