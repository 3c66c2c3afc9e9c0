package dev.trajforge.collector.anonymize;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which of overlapping spans is replaced: one detector's value at any character, the rest left out. */
final class Overlaps {
    /**
     * Who wins where two detectors find overlapping values: the stricter check first (an IBAN's mod-97
     * over a Luhn digit that one in ten digit runs pass, a French NIR's key likewise), the dotted quads of
     * an IP before phone numbers, which match loosely.
     */
    private static final List<Detector> PRIORITY = List.of(Detector.EMAIL, Detector.IBAN, Detector.NATIONAL_ID,
            Detector.CARD, Detector.IP, Detector.BIRTH_DATE, Detector.PHONE, Detector.STREET_ADDRESS,
            Detector.PERSON_NAME);

    private Overlaps() {}

    /** The spans that do not overlap, by start; overlaps go to the earlier detector in the priority, then the longer. */
    static List<Span> resolve(List<Span> found) {
        if (found.size() <= 1) {
            return found;
        }
        List<Span> byPriority = new ArrayList<>(found);
        byPriority.sort(Comparator.comparingInt((Span sp) -> PRIORITY.indexOf(sp.detector()))
                .thenComparing(sp -> sp.start() - sp.end()));
        List<Span> kept = new ArrayList<>();
        for (Span sp : byPriority) {
            if (kept.stream().noneMatch(k -> k.start() < sp.end() && sp.start() < k.end())) {
                kept.add(sp);
            }
        }
        kept.sort(Comparator.comparingInt(Span::start));
        return kept;
    }
}
