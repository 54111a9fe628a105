package org.choreolab.ui.internal.prefs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.choreolab.ui.internal.TestContexts;
import org.choreolab.ui.internal.UiPrefs;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.e4.core.contexts.EclipseContextFactory;
import org.eclipse.e4.core.contexts.IEclipseContext;
import org.eclipse.e4.core.di.extensions.Preference;
import org.eclipse.jface.preference.IPreferenceNode;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.jface.preference.PreferenceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Text;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import jakarta.inject.Inject;

/** Window › Preferences: JFace pages over the workbench's preferences, which the parts read by injection. */
class PreferencePagesTest {

    /** What a part sees of the preferences. */
    public static final class Reader {
        @Inject
        @Preference(nodePath = UiPrefs.NODE, value = UiPrefs.DEVICE)
        String device;
        @Inject
        @Preference(nodePath = UiPrefs.NODE, value = UiPrefs.DIGITS)
        String digits;
    }

    @AfterEach
    void defaults() throws Exception {
        var node = UiPrefs.node();
        for (String k : List.of(UiPrefs.DEVICE, UiPrefs.THREADS, UiPrefs.DIGITS, UiPrefs.WATCH_SECONDS, UiPrefs.CACHE_FOLDER)) {
            node.remove(k);
        }
        node.flush();
    }

    @Test
    void theDefaultsComeFromThePluginsInitializer() {
        var d = DefaultScope.INSTANCE.getNode(UiPrefs.NODE);
        assertEquals("5", d.get(UiPrefs.WATCH_SECONDS, null), "the Watch view starts with the first 5 s");
        assertEquals("auto", d.get(UiPrefs.DEVICE, null));
        assertEquals("4", d.get(UiPrefs.DIGITS, null));
    }

    @Test
    void pagesChangeWhatThePartsSee() throws Exception {
        Display display = Display.getDefault();
        Shell shell = new Shell(display);
        IEclipseContext ctx = EclipseContextFactory.getServiceContext(TestContexts.bundleContext()).createChild();
        Reader reader = TestContexts.make(Reader.class, ctx);
        assertEquals("auto", reader.device);
        PreferenceDialog d = PreferencesHandler.dialog(shell, List.of("lift", "flaky"));
        d.setBlockOnOpen(false);
        try {
            d.open();
            List<String> pages = new ArrayList<>();
            for (IPreferenceNode n : d.getPreferenceManager().getElements(PreferenceManager.PRE_ORDER)) {
                pages.add(n.getLabelText());
            }
            assertEquals(List.of("Engines", "Storage", "Watch view", "Numbers"), pages, "a page per subject");

            Combo device = find(d.getShell(), Combo.class, c -> List.of(c.getItems()).contains("CPU"));
            device.select(List.of(device.getItems()).indexOf("CPU"));
            device.notifyListeners(SWT.Selection, new Event());
            Text threads = find(d.getShell(), Text.class, t -> t.getText().equals("0"));
            threads.setText("4");

            page(d, "Storage");
            assertNotNull(find(d.getShell(), Label.class, l -> l.getText().startsWith("In use now: ")), "the cache folder in use is shown");
            page(d, "Watch view");
            assertNotNull(find(d.getShell(), Label.class, l -> l.getText().equals("Installed: lift, flaky")), "the generators one can tick");
            Combo length = find(d.getShell(), Combo.class, c -> List.of(c.getItems()).contains("first 10 s"));
            assertEquals("first 5 s", length.getText());
            length.select(1);
            length.notifyListeners(SWT.Selection, new Event());
            page(d, "Numbers");
            Text digits = find(d.getShell(), Text.class, t -> t.getText().equals("4"));
            digits.setText("2");
            digits.notifyListeners(SWT.KeyUp, new Event()); // the editor validates as keys are typed
            Label preview = find(d.getShell(), Label.class, l -> l.getText().startsWith("For example:"));
            assertTrue(preview.getText().startsWith("For example: 0.92   19   6.8e9"), preview.getText());

            Button ok = find(d.getShell(), Button.class, b -> b.getText().replace("&", "").equals("Apply and Close"));
            ok.notifyListeners(SWT.Selection, new Event());
            TestContexts.drain(display);
            assertEquals("cpu", UiPrefs.get(UiPrefs.DEVICE));
            assertEquals("4", UiPrefs.get(UiPrefs.THREADS));
            assertEquals("10", UiPrefs.get(UiPrefs.WATCH_SECONDS));
            assertEquals("2", UiPrefs.get(UiPrefs.DIGITS));
            assertEquals("cpu", reader.device, "a part's injected preference follows at once");
            assertEquals("2", reader.digits);
        } finally {
            d.close();
            shell.dispose();
            ctx.dispose();
        }
    }

    private static void page(PreferenceDialog d, String title) {
        Tree tree = find(d.getShell(), Tree.class, t -> true);
        for (TreeItem item : tree.getItems()) {
            if (item.getText().equals(title)) {
                tree.setSelection(item);
                Event e = new Event();
                e.item = item;
                tree.notifyListeners(SWT.Selection, e);
                TestContexts.drain(d.getShell().getDisplay());
                return;
            }
        }
        throw new AssertionError("no page " + title);
    }

    private static <T extends Control> T find(Composite root, Class<T> type, Predicate<T> test) {
        for (Control c : root.getChildren()) {
            if (type.isInstance(c) && c.isVisible() && test.test(type.cast(c))) {
                return type.cast(c);
            }
            if (c instanceof Composite k && c.isVisible()) {
                T t = find(k, type, test);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }
}
