package org.choreolab.ui.internal.evaluate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.choreolab.api.metric.Flag;
import org.choreolab.api.metric.SetValue;
import org.choreolab.core.Confidence;
import org.choreolab.core.Experiment;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultRow;
import org.choreolab.report.Table;
import org.eclipse.swt.layout.FillLayout;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;

/**
 * The Evaluate view's cells are the report bundle's (one table model for every output): value and 95 %
 * interval as results.md writes them, flag marks beside ill-posed values with the reason in the tooltip
 * and the footnote under the table.
 */
class ResultsTableTest {

    @Test
    void cellsShowIntervalsAndFlagsAsTheReportsDo() {
        ExperimentResult result = new ExperimentResult(Experiment.defaults(), "sample", List.of("s1", "s2"), List.of("fid_k"));
        ResultRow truth = new ResultRow("ground_truth", "Ground truth", "", Map.of(), ResultRow.Kind.GROUND_TRUTH, null, 0, 0);
        truth.putSet("fid_k", 12.3456);
        truth.putConfidence("fid_k", new Confidence(10.01, 15.5, 12.2, 1000, 0));
        ResultRow far = new ResultRow("far", "Far", "", Map.of());
        far.putSet("fid_k", new SetValue(1.2313e20, List.of(Flag.degenerate(Flag.GROUND_TRUTH_RANK_DEFICIENT, "12 sequences, 72 dimensions"))));
        result.addRow(truth);
        result.addRow(far);
        Table model = Table.of(result);
        Display display = Display.getDefault();
        Shell shell = new Shell(display);
        shell.setLayout(new FillLayout());
        try {
            ResultsTable table = new ResultsTable(shell);
            table.columns(result.metricIds());
            table.show(result.rows(), model);
            List<String[]> rows = table.texts();
            assertEquals(model.cell(truth, "fid_k").text(), rows.get(0)[2], "the report's cell text");
            assertTrue(rows.get(0)[2].startsWith("12.35 [10.01, 15.50]"), "value and its interval: " + rows.get(0)[2]);
            assertEquals("1.231e20 ⚠1", rows.get(1)[2], "a degenerate value is marked with its footnote's number");
            assertTrue(ResultCell.of(model, far, "fid_k").tooltip().contains("12 sequences, 72 dimensions"), "the reason in the tooltip");
            assertTrue(ResultCell.of(model, far, "fid_k").degenerate());
            assertEquals("FID_k ↓", table.control() instanceof org.eclipse.swt.widgets.Table t ? t.getColumn(2).getText() : "",
                    "the report's header: name and direction");
        } finally {
            shell.dispose();
        }
    }
}
