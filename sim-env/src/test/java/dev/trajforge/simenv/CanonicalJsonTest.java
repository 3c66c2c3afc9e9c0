package dev.trajforge.simenv;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class CanonicalJsonTest {

    record Sample(String zebraName, int alphaCount, String missing, BigDecimal amount, Map<String, Integer> byKey) {
    }

    @Test
    void should_sort_map_keys_whatever_the_insertion_order() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("zeta", 1);
        map.put("alpha", 2);
        map.put("mid", Map.of("y", 1, "b", 2));
        assertEquals("{\"alpha\":2,\"mid\":{\"b\":2,\"y\":1},\"zeta\":1}", CanonicalJson.write(map));
    }

    @Test
    void should_write_record_properties_in_snake_case_sorted_and_without_nulls() {
        Map<String, Integer> byKey = new LinkedHashMap<>();
        byKey.put("z", 1);
        byKey.put("a", 2);
        Sample sample = new Sample("stripes", 3, null, new BigDecimal("54.00"), byKey);
        assertEquals("{\"alpha_count\":3,\"amount\":54.00,\"by_key\":{\"a\":2,\"z\":1},\"zebra_name\":\"stripes\"}",
                CanonicalJson.write(sample));
    }

    @Test
    void should_write_big_decimals_plainly_keeping_their_scale() {
        assertEquals("54.00", CanonicalJson.write(new BigDecimal("54.00")));
        assertEquals("1000000000.50", CanonicalJson.write(new BigDecimal("1.00000000050E+9")));
        assertEquals("[0.10]", CanonicalJson.write(List.of(new BigDecimal("0.10"))));
    }

    @Test
    void should_give_the_same_bytes_for_equal_values() {
        Map<String, Object> first = new LinkedHashMap<>();
        first.put("b", "x");
        first.put("a", List.of(1, 2));
        Map<String, Object> second = new LinkedHashMap<>();
        second.put("a", List.of(1, 2));
        second.put("b", "x");
        assertArrayEquals(CanonicalJson.bytes(first), CanonicalJson.bytes(second));
    }

    @Test
    void should_parse_only_a_single_json_object_as_tool_arguments() {
        assertNotNull(CanonicalJson.parseObjectOrNull("{\"a\":1}"));
        assertNull(CanonicalJson.parseObjectOrNull("[1,2]"));
        assertNull(CanonicalJson.parseObjectOrNull("\"text\""));
        assertNull(CanonicalJson.parseObjectOrNull("{\"a\":1} {\"b\":2}"));
        assertNull(CanonicalJson.parseObjectOrNull("{\"a\":"));
        assertNull(CanonicalJson.parseObjectOrNull("not json"));
        assertNull(CanonicalJson.parseObjectOrNull(null));
    }
}
