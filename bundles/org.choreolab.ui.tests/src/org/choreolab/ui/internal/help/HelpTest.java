package org.choreolab.ui.internal.help;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.choreolab.ui.internal.PartShell;
import org.choreolab.ui.internal.TestContexts;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.MApplicationFactory;
import org.eclipse.e4.ui.model.application.commands.MBindingTable;
import org.eclipse.e4.ui.model.application.commands.MCommand;
import org.eclipse.e4.ui.model.application.commands.MCommandsFactory;
import org.eclipse.e4.ui.model.application.commands.MKeyBinding;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Help view renders the repository's documentation; About names every version. */
class HelpTest {

    @Test
    void markdownBecomesStyledText() {
        Markdown.Rendered r = Markdown.render("# Title\n\nSome **bold** and `code`, a [link](EXTENDING.md#the-contract).\n\n"
                + "| a | b |\n|---|---|\n| 1 | 2 |\n\n- item one\n- item two\n\n```\nx = 1\n```\n");
        assertTrue(r.text().startsWith("Title\n\nSome bold and code, a link.\n\n"), r.text());
        assertTrue(r.text().contains("  a   b\n  1   2\n"), "a narrow table is an aligned grid: " + r.text());
        assertTrue(r.text().contains("• item one\n• item two\n"), r.text());
        assertTrue(r.text().contains("    x = 1\n"), "code blocks keep their lines");
        assertEquals(List.of("H1 Title", "BOLD bold", "CODE code", "LINK link EXTENDING.md#the-contract"), r.runs().stream()
                .filter(x -> x.start() < r.text().indexOf("\n  a"))
                .map(x -> x.kind() + " " + r.text().substring(x.start(), x.start() + x.length()) + (x.target() == null ? "" : " " + x.target()))
                .toList());
        assertEquals(0, r.anchors().get("title"));
    }

    @Test
    void wideTablesBecomeTermsAndDescriptions() {
        Markdown.Rendered r = Markdown.render("| command | what it does |\n|---|---|\n| `./choreolab evaluate` | runs generators over a dataset "
                + "split and scores them; writes into the output folder every file a researcher needs |\n");
        assertTrue(r.text().startsWith("./choreolab evaluate\nruns generators over a dataset split"), r.text());
        assertEquals(1, r.indents().size(), "the description is indented under its term");
    }

    @Test
    void theHelpViewShowsTheRepositorysDocumentation(@TempDir Path tmp) throws Exception {
        String heading = Files.readAllLines(Path.of(System.getProperty("choreolab.repository"), "docs", "METRICS.md")).stream()
                .filter(l -> l.startsWith("# ")).findFirst().orElseThrow().substring(2);
        try (PartShell ui = PartShell.bare(tmp)) {
            HelpPart help = ui.make(HelpPart.class);
            assertTrue(help.text().startsWith(heading + "\n"), "METRICS.md, from the bundle: " + help.text().lines().findFirst().orElse(""));
            assertTrue(help.runs().stream().anyMatch(r -> r.kind() == Markdown.Kind.H1 && r.start() == 0), "its title as a heading");
            help.show("EXTENDING.md");
            assertTrue(help.text().length() > 1000 && !help.text().contains("This build has no help/"), "EXTENDING.md is in the bundle too");
        }
    }

    @Test
    void commandsAndKeysAreReadFromTheModel() {
        MApplication app = MApplicationFactory.INSTANCE.createApplication();
        MCommand run = MCommandsFactory.INSTANCE.createCommand();
        run.setElementId("run");
        run.setCommandName("Run Experiment");
        run.setDescription("Run the Evaluate view's experiment as a job");
        app.getCommands().add(run);
        MBindingTable t = MCommandsFactory.INSTANCE.createBindingTable();
        MKeyBinding k = MCommandsFactory.INSTANCE.createKeyBinding();
        k.setKeySequence("M1+R");
        k.setCommand(run);
        t.getBindings().add(k);
        app.getBindingTables().add(t);
        String doc = Docs.commands(app);
        assertTrue(doc.contains("| Run Experiment | Ctrl+R | Run the Evaluate view's experiment as a job |"), doc);
        assertTrue(doc.contains("| Space | play, pause |"), "the Watch view's keys");
    }

    @Test
    void aboutNamesThePlatformTheEnginesAndEveryBundle() throws Exception {
        String text = AboutInfo.text(TestContexts.core());
        assertTrue(text.contains("org.choreolab.ui ") && text.contains("org.choreolab.core "), text);
        assertTrue(text.contains("Java " + System.getProperty("java.version")), text);
        assertTrue(text.contains("Eclipse e4 workbench 1.") && text.contains("SWT 3."), "the platform's versions: " + text);
        Shell shell = new Shell(Display.getDefault());
        AboutDialog d = new AboutDialog(shell, TestContexts.core());
        d.setBlockOnOpen(false);
        try {
            d.open();
            assertEquals(List.of("Platform", "Engines", "Bundles (" + AboutInfo.bundles().size() + ")"), d.tabs());
        } finally {
            d.close();
            shell.dispose();
        }
    }
}
