package org.choreolab.ui.internal.help;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.ui.di.PersistState;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.jface.resource.FontDescriptor;
import org.eclipse.jface.resource.JFaceResources;
import org.eclipse.jface.resource.LocalResourceManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.StyleRange;
import org.eclipse.swt.custom.StyledText;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.Font;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.program.Program;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

import jakarta.annotation.PostConstruct;
import jakarta.inject.Inject;

/**
 * The Help view: the documentation inside the workbench, Markdown rendered into a StyledText
 * ({@link Markdown}); links to the other documents open them here, links to headings scroll to them,
 * web links open in the system's browser.
 */
public final class HelpPart {

    public static final String ID = "org.choreolab.ui.part.help";
    private static final Color CODE_BG = new Color(0xF2, 0xF2, 0xF2), LINK = new Color(0x1A, 0x5F, 0xB4);

    @Inject
    @Optional
    private MApplication app;
    private Combo docs;
    private StyledText text;
    private LocalResourceManager fonts;
    private final List<String> ids = new ArrayList<>(Docs.TITLES.keySet());
    private Markdown.Rendered shown;

    @PostConstruct
    public void create(Composite parent, @Optional MPart part) {
        parent.setLayout(new GridLayout(2, false));
        new Label(parent, SWT.NONE).setText("Document:");
        docs = new Combo(parent, SWT.READ_ONLY);
        docs.setItems(Docs.TITLES.values().toArray(String[]::new));
        docs.addListener(SWT.Selection, e -> show(ids.get(docs.getSelectionIndex())));
        text = new StyledText(parent, SWT.BORDER | SWT.V_SCROLL | SWT.WRAP | SWT.READ_ONLY);
        text.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        text.setMargins(12, 8, 12, 8);
        fonts = new LocalResourceManager(JFaceResources.getResources(), text);
        text.addListener(SWT.MouseUp, e -> {
            int at = text.getOffsetAtPoint(new org.eclipse.swt.graphics.Point(e.x, e.y));
            if (at >= 0 && shown != null && text.getSelectionCount() == 0) {
                shown.runs().stream().filter(r -> r.kind() == Markdown.Kind.LINK && at >= r.start() && at < r.start() + r.length())
                        .findFirst().ifPresent(r -> follow(r.target()));
            }
        });
        String kept = part == null ? null : part.getPersistedState().get("doc");
        show(kept != null && ids.contains(kept) ? kept : "METRICS.md");
    }

    @PersistState
    public void persist(MPart part) {
        part.getPersistedState().put("doc", ids.get(Math.max(0, docs.getSelectionIndex())));
    }

    /** Shows a document: README.md, METRICS.md, EXTENDING.md, ARCHITECTURE.md or "commands". */
    void show(String id) {
        String doc = id.contains("#") ? id.substring(0, id.indexOf('#')) : id;
        if (!ids.contains(doc)) {
            return;
        }
        docs.select(ids.indexOf(doc));
        shown = Markdown.render(Docs.markdown(doc, app));
        text.setText(shown.text());
        Font mono = JFaceResources.getTextFont();
        List<StyleRange> styles = new ArrayList<>();
        for (Markdown.Run r : shown.runs()) {
            StyleRange s = new StyleRange();
            s.start = r.start();
            s.length = r.length();
            switch (r.kind()) {
                case H1 -> s.font = fonts.create(FontDescriptor.createFrom(text.getFont()).setHeight(text.getFont().getFontData()[0].getHeight() + 6)
                        .setStyle(SWT.BOLD));
                case H2 -> s.font = fonts.create(FontDescriptor.createFrom(text.getFont()).setHeight(text.getFont().getFontData()[0].getHeight() + 3)
                        .setStyle(SWT.BOLD));
                case H3, BOLD -> s.fontStyle = SWT.BOLD;
                case ITALIC -> s.fontStyle = SWT.ITALIC;
                case CODE -> {
                    s.font = mono;
                    s.background = CODE_BG;
                }
                case LINK -> {
                    s.underline = true;
                    s.foreground = LINK;
                    s.data = r.target();
                }
            }
            styles.add(s);
        }
        text.setStyleRanges(Styles.flatten(styles, shown.text().length()));
        for (int[] in : shown.indents()) {
            if (in[0] < text.getLineCount()) {
                text.setLineIndent(in[0], 1, in[1]);
                text.setLineWrapIndent(in[0], 1, in[1] + 12);
            }
        }
        if (id.contains("#")) {
            scrollTo(id.substring(id.indexOf('#') + 1));
        } else {
            text.setTopIndex(0);
        }
    }

    private void follow(String target) {
        if (target.startsWith("#")) {
            scrollTo(target.substring(1));
            return;
        }
        String file = target.replaceFirst("^(\\./)?(docs/)?", "");
        String name = file.contains("#") ? file.substring(0, file.indexOf('#')) : file;
        if (ids.contains(name)) {
            show(file);
        } else if (target.startsWith("http://") || target.startsWith("https://")) {
            Program.launch(target);
        }
    }

    private void scrollTo(String anchor) {
        Integer at = shown.anchors().get(anchor);
        if (at != null) {
            text.setTopIndex(text.getLineAtOffset(at));
        }
    }

    /** The text shown (for tests). */
    String text() {
        return text.getText();
    }

    /** The style runs shown (for tests). */
    List<Markdown.Run> runs() {
        return shown.runs();
    }
}
