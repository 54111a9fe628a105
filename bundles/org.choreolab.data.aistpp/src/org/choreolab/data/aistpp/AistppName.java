package org.choreolab.data.aistpp;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An AIST++ sequence name such as {@code gBR_sBM_cAll_d04_mBR0_ch01}: genre, situation, camera,
 * dancer, music id and choreography.
 */
public record AistppName(String genre, String situation, String camera, String dancer, String music, String choreography) {

    private static final Pattern NAME = Pattern.compile("(g[A-Z]{2})_(s[A-Z]{2})_(c[A-Za-z0-9]+)_(d\\d{2})_(m[A-Z]{2}\\d)_(ch\\d{2})");

    private static final Map<String, String> GENRES = Map.of("gBR", "Break", "gPO", "Pop", "gLO", "Lock", "gMH",
            "Middle Hip-hop", "gLH", "LA-style Hip-hop", "gHO", "House", "gWA", "Waack", "gKR", "Krump", "gJS",
            "Street Jazz", "gJB", "Ballet Jazz");

    /** Parses a name; null if it does not follow the grammar. */
    public static AistppName parse(String name) {
        Matcher m = NAME.matcher(name);
        if (!m.matches()) {
            return null;
        }
        return new AistppName(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6));
    }

    public static boolean isValid(String name) {
        return parse(name) != null;
    }

    public String id() {
        return String.join("_", genre, situation, camera, dancer, music, choreography);
    }

    /** The genre's full name (e.g. Break for gBR). */
    public String genreName() {
        return GENRES.getOrDefault(genre, genre);
    }

    /** {@code basic} for sBM, {@code advanced} for sFM. */
    public String situationName() {
        return switch (situation) {
            case "sBM" -> "basic";
            case "sFM" -> "advanced";
            default -> situation;
        };
    }

    /** The tempo FACT's code reads from the music id: mHO&lt;k&gt; → 110 + 5k BPM, others 80 + 10k. */
    public int tempoBpm() {
        return tempoOf(music);
    }

    public static int tempoOf(String musicId) {
        int k = musicId.charAt(musicId.length() - 1) - '0';
        return musicId.startsWith("mHO") ? 110 + 5 * k : 80 + 10 * k;
    }

    /** The name's fields as sequence metadata. */
    public Map<String, String> metadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("genre", genre);
        m.put("genreName", genreName());
        m.put("situation", situationName());
        m.put("camera", camera);
        m.put("dancer", dancer);
        m.put("music", music);
        m.put("choreography", choreography);
        m.put("tempo", Integer.toString(tempoBpm()));
        return m;
    }
}
