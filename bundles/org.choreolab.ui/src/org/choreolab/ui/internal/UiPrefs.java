package org.choreolab.ui.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;

/**
 * The workbench's preferences: Eclipse instance scope (the workspace), node {@value #NODE}. Parts read
 * them by injection ({@code @Preference(nodePath = UiPrefs.NODE, value = UiPrefs.DEVICE)}) and follow
 * changes; Window › Preferences edits them; the defaults come from {@link Defaults} (the
 * {@code org.eclipse.core.runtime.preferences} extension in plugin.xml).
 */
public final class UiPrefs {

    public static final String NODE = "org.choreolab.ui";

    /** Device asked of generators: auto, cpu, gpu. */
    public static final String DEVICE = "device";
    /** Threads an engine may use (0: the engine's choice). Stored for the engines to read; see the preference page. */
    public static final String THREADS = "threads";
    /** Where the engines keep extracted natives (empty: the launcher's, $CHOREOLAB_STATE/cache). */
    public static final String CACHE_FOLDER = "cache.folder";
    /** The generators the Watch view ticks, comma-separated ids. */
    public static final String WATCH_GENERATORS = "watch.generators";
    /** How many seconds the Watch view generates (0: the whole sequence). */
    public static final String WATCH_SECONDS = "watch.seconds";
    public static final String WATCH_LOOP = "watch.loop";
    /** Playback speed: 0.25, 0.5, 1, 2. */
    public static final String WATCH_SPEED = "watch.speed";
    /** The Watch view's camera: follow (each dancer) or frame (the whole dance). */
    public static final String WATCH_CAMERA = "watch.camera";
    /** Decimals shown in tables. */
    public static final String DIGITS = "format.digits";
    /** auto (scientific for large and tiny values), fixed, scientific. */
    public static final String NOTATION = "format.notation";
    /** Recently opened or saved experiment files, newest first, one per line. */
    public static final String RECENT_EXPERIMENTS = "evaluate.recent";
    /** The folder the last export went to. */
    public static final String EXPORT_FOLDER = "evaluate.exportFolder";
    /** Dataset folders used lately, newest first, one per line. */
    public static final String DATASET_FOLDERS = "datasets.recent";

    static final Map<String, String> DEFAULTS = Map.ofEntries(Map.entry(DEVICE, "auto"), Map.entry(THREADS, "0"),
            Map.entry(CACHE_FOLDER, ""), Map.entry(WATCH_GENERATORS, "fact-pytorch"), Map.entry(WATCH_SECONDS, "5"),
            Map.entry(WATCH_LOOP, "true"), Map.entry(WATCH_SPEED, "1"), Map.entry(WATCH_CAMERA, "follow"),
            Map.entry(DIGITS, "4"), Map.entry(NOTATION, "auto"), Map.entry(RECENT_EXPERIMENTS, ""),
            Map.entry(EXPORT_FOLDER, ""), Map.entry(DATASET_FOLDERS, ""));

    private UiPrefs() {
    }

    public static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(NODE);
    }

    /** The value in effect: the workspace's, else the default. */
    public static String get(String key) {
        return Platform.getPreferencesService().getString(NODE, key, DEFAULTS.getOrDefault(key, ""), null);
    }

    public static void put(String key, String value) {
        IEclipsePreferences n = node();
        n.put(key, value);
        flush(n);
    }

    /** A list kept one entry per line. */
    public static List<String> list(String key) {
        String v = get(key);
        return v.isBlank() ? List.of() : Arrays.stream(v.split("\n")).filter(s -> !s.isBlank()).toList();
    }

    /** Puts {@code value} first in the list {@code key}, keeping at most {@code max} entries. */
    public static void remember(String key, String value, int max) {
        List<String> l = new ArrayList<>(list(key));
        l.remove(value);
        l.add(0, value);
        put(key, String.join("\n", l.subList(0, Math.min(max, l.size()))));
    }

    static void flush(IEclipsePreferences n) {
        try {
            n.flush();
        } catch (BackingStoreException e) {
            System.err.println("choreolab: preferences not saved: " + e.getMessage());
        }
    }

    /** Fills the default scope when the node is first read. */
    public static final class Defaults extends AbstractPreferenceInitializer {
        @Override
        public void initializeDefaultPreferences() {
            IEclipsePreferences d = DefaultScope.INSTANCE.getNode(NODE);
            DEFAULTS.forEach(d::put);
        }
    }
}
