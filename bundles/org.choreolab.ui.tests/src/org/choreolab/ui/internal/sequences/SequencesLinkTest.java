package org.choreolab.ui.internal.sequences;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;

import org.choreolab.api.data.DatasetReader;
import org.choreolab.api.metric.Metric;
import org.choreolab.api.model.MotionGenerator;
import org.choreolab.core.Experiment;
import org.choreolab.testing.Fakes;
import org.choreolab.ui.internal.TestBundles;
import org.choreolab.ui.internal.TestContexts;
import org.choreolab.ui.internal.WorkbenchRun;
import org.choreolab.ui.internal.evaluate.EvaluationSession;
import org.choreolab.ui.internal.watch.Player;
import org.eclipse.e4.ui.workbench.modeling.EPartService;
import org.junit.jupiter.api.Test;
import org.osgi.framework.ServiceRegistration;

/** In the running workbench, double-clicking a sequence in the drill-down opens it in the Watch view, its generator beside the ground truth. */
class SequencesLinkTest {

    @Test
    void aSequenceOpensInTheWatchView() throws Exception {
        TestContexts.core();
        TestBundles.fakesOnly();
        var bc = TestContexts.bundleContext();
        List<ServiceRegistration<?>> regs = new ArrayList<>();
        regs.add(bc.registerService(DatasetReader.class, new Fakes.Reader(), null));
        regs.add(bc.registerService(Metric.class, new Fakes.MeanHeight(), null));
        regs.add(bc.registerService(MotionGenerator.class, new Fakes.Lift(0.5f), null));
        try {
            WorkbenchRun.launch((wb, app, window) -> {
                EvaluationSession session = app.getContext().get(EvaluationSession.class);
                assertNotNull(session.start(new Experiment("", "test", "", List.of("lift"), List.of("mean_height"), "bailando", 0, 0, "cpu", 0)));
                WorkbenchRun.until(() -> !session.running() && session.result() != null, 60, "the run ends");
                SequencesPart part = WorkbenchRun.show(window, SequencesPart.ID, SequencesPart.class);
                part.select("lift");
                part.watch(part.row("s2"));
                Player player = window.getContext().get(EPartService.class).findPart("org.choreolab.ui.part.watch").getContext().get(Player.class);
                WorkbenchRun.until(() -> player.scene().titles().size() == 2, 30, "the Watch view shows the sequence");
                assertEquals("s2", player.scene().sequence(), "the sequence double-clicked");
                assertEquals(List.of("Ground truth", "Lift"), player.scene().titles(), "its generator beside the ground truth");
                assertEquals("org.choreolab.ui.part.watch", window.getContext().get(EPartService.class).getActivePart().getElementId(),
                        "the Watch view in front");
            });
        } finally {
            regs.forEach(ServiceRegistration::unregister);
        }
    }
}
