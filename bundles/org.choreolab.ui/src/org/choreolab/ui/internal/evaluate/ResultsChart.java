package org.choreolab.ui.internal.evaluate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultRow;
import org.choreolab.report.Table;
import org.choreolab.report.Reports;
import org.choreolab.ui.internal.Hints;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;

/** The chart under the table: one metric, the whole set or one genre, the rows in the table's order. */
final class ResultsChart {

    static final String ALL_GENRES = "all genres";

    private final Composite control;
    private final Combo metric;
    private final Combo genre;
    private final BarChart chart;
    private Runnable changed = () -> { };

    ResultsChart(Composite parent) {
        control = new Composite(parent, SWT.NONE);
        GridLayout l = new GridLayout(3, false);
        l.marginWidth = 0;
        l.marginHeight = 0;
        control.setLayout(l);
        new Label(control, SWT.NONE).setText("Chart:");
        metric = new Combo(control, SWT.READ_ONLY);
        metric.addListener(SWT.Selection, e -> changed.run());
        genre = new Combo(control, SWT.READ_ONLY);
        genre.setItems(ALL_GENRES);
        genre.select(0);
        Hints.below(genre, "Per-genre means of per-sequence metrics (BAS, PFC); set metrics such as FID are whole-set values");
        genre.addListener(SWT.Selection, e -> changed.run());
        chart = new BarChart(control);
        GridData cd = new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1);
        cd.heightHint = 120;
        chart.control().setLayoutData(cd);
    }

    Composite control() {
        return control;
    }

    void onChange(Runnable r) {
        changed = r;
    }

    void metrics(List<String> ids) {
        String was = metric.getText();
        metric.setItems(ids.toArray(String[]::new));
        metric.select(Math.max(0, ids.indexOf(was)));
        control.layout(true);
    }

    void genres(Collection<String> names) {
        String was = genre.getText();
        List<String> items = new ArrayList<>();
        items.add(ALL_GENRES);
        items.addAll(names);
        genre.setItems(items.toArray(String[]::new));
        genre.select(Math.max(0, items.indexOf(was)));
        control.layout(true);
    }

    void genre(String name) {
        genre.select(Math.max(0, name == null ? 0 : genre.indexOf(name)));
    }

    /** Draws the selected metric for {@code rows} (per genre from {@code last} when a genre is chosen). */
    void show(List<ResultRow> rows, ExperimentResult last, Table table, String protocol) {
        if (metric.isDisposed() || metric.getSelectionIndex() < 0) {
            chart.show("", List.of());
            return;
        }
        String m = metric.getText();
        String g = genre.getSelectionIndex() <= 0 ? null : genre.getText();
        Map<String, Map<String, Map<String, Double>>> byGenre = g == null || last == null ? null : Reports.perGenre(last);
        List<BarChart.Bar> bars = new ArrayList<>();
        for (ResultRow r : rows) {
            ResultCell cell = ResultCell.of(table, r, m);
            Double v = byGenre == null ? cell.value() : byGenre.getOrDefault(r.name(), Map.of()).getOrDefault(g, Map.of()).get(m);
            if (v != null) {
                bars.add(new BarChart.Bar(r.name(), v, byGenre == null ? cell.low() : Double.NaN, byGenre == null ? cell.high() : Double.NaN,
                        r.isReference(), byGenre == null && cell.flagged()));
            }
        }
        chart.show(m + " (" + protocol + (g == null ? "" : ", genre " + g) + ")", bars);
    }

    /** The bars, as shown: "label=value". */
    List<String> bars() {
        return chart.bars().stream().map(b -> b.label() + "=" + String.format(Locale.ROOT, "%.4f", b.value())).toList();
    }

    boolean logarithmic() {
        return chart.logarithmic();
    }
}
