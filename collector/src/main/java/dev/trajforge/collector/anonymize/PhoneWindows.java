package dev.trajforge.collector.anonymize;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The windows of text libphonenumber was already asked about in one import, with what it found in them (most
 * hold no number). Logs repeat the same windows (an order id, a price, a product's item id in every lookup of
 * it), and the library's answer for the same text and region is the same, so it is asked once. Only positions and
 * the numbers as parsed are kept; each session still draws its own pseudonyms. Bounded: emptied when full.
 * Shared by the sessions anonymized at once, so it is safe from many threads.
 */
final class PhoneWindows {
    static final int LIMIT = 200_000;

    private final Map<String, List<Phones.Found>> searched = new ConcurrentHashMap<>();

    List<Phones.Found> matches(String window, String region) {
        String key = region + '\u0000' + window;
        List<Phones.Found> known = searched.get(key);
        if (known != null) return known;
        List<Phones.Found> found = Phones.matches(window, region);
        if (searched.size() >= LIMIT) searched.clear();
        searched.put(key, found);
        return found;
    }
}
