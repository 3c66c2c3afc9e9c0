package dev.trajforge.collector.anonymize;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Dates of birth: a date in one of the usual notations, replaced only near a birth cue ("born",
 * "DOB", ...) or under a birth-date key, so order and delivery dates are kept.
 */
final class BirthDates {
    private static final Pattern BIRTH_CUE = Pattern.compile(
            "(?i)\\b(?:born|d\\.?o\\.?b\\.?|date of birth|birth ?date|birthday|geboren|née?)\\b");
    private static final String MONTHS = "(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
            + "|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";
    private static final Pattern DATE = Pattern.compile("(?<![\\w/.-])(?:\\d{4}-\\d{2}-\\d{2}|\\d{1,2}[/.]\\d{1,2}[/.]\\d{4}"
            + "|" + MONTHS + " \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}|\\d{1,2} " + MONTHS + ",? \\d{4})(?![\\w/-])");
    private static final Pattern ORDINAL = Pattern.compile("(\\d)(st|nd|rd|th)");
    private static final List<DateTimeFormatter> FORMATS = Arrays.stream(new String[] {"uuuu-MM-dd", "MM/dd/uuuu",
                    "M/d/uuuu", "dd/MM/uuuu", "d/M/uuuu", "dd.MM.uuuu", "d.M.uuuu", "MMMM d, uuuu", "MMMM d uuuu",
                    "MMM d, uuuu", "MMM d uuuu", "d MMMM uuuu", "d MMM uuuu", "d MMMM, uuuu"})
            .map(p -> DateTimeFormatter.ofPattern(p, Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT))
            .toList();

    private BirthDates() {}

    /** Every date in {@code text} that is a birth date: all of them in a birth context, else those near a cue. */
    static void find(String text, Clues clues, boolean birthContext, List<Span> out) {
        if (clues.digits() < 5) { // a four-digit year and a day
            return;
        }
        Matcher m = DATE.matcher(text);
        int previousDateEnd = 0;
        while (m.find()) {
            int from = previousDateEnd;
            previousDateEnd = m.end();
            if (birthContext || nearCue(text, from, m.start())) {
                String v = m.group();
                String plain = ORDINAL.matcher(v).replaceAll("$1");
                for (DateTimeFormatter f : FORMATS) {
                    try {
                        LocalDate date = LocalDate.parse(plain, f);
                        out.add(new Span(m.start(), m.end(), Detector.BIRTH_DATE, v, date.toString(),
                                d -> Fakes.date(date, f, d)));
                        break;
                    } catch (DateTimeParseException e) {
                        // next pattern
                    }
                }
            }
        }
    }

    /** A value under a birth-date key that is a date as a whole, or null. */
    static Span whole(String value) {
        for (DateTimeFormatter f : FORMATS) {
            try {
                LocalDate date = LocalDate.parse(value.strip(), f);
                return Span.whole(value, Detector.BIRTH_DATE, date.toString(), d -> Fakes.date(date, f, d));
            } catch (DateTimeParseException e) {
                // next pattern
            }
        }
        return null;
    }

    /** A birth cue in the 40 characters before the date, with no other date between them. */
    private static boolean nearCue(String text, int previousDateEnd, int dateStart) {
        Matcher cue = BIRTH_CUE.matcher(text);
        cue.region(Math.max(previousDateEnd, dateStart - 40), dateStart);
        cue.useTransparentBounds(true);
        return cue.find();
    }
}
