package org.choreolab.ui.internal.evaluate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import org.choreolab.api.metric.Metric;
import org.choreolab.core.ComponentRegistry;
import org.choreolab.core.ExperimentResult;
import org.choreolab.core.ResultFiles;
import org.choreolab.report.Reports;
import org.choreolab.ui.internal.UiPrefs;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.Shell;

/** Writes what {@code choreolab evaluate} writes for a run into a folder, and says what was written. */
final class ResultsExport {

    private ResultsExport() {
    }

    /** results.json, results.md, results.csv, results.tex, a chart per metric and report.html; returns every file written. */
    static List<Path> write(ExperimentResult r, Path dir, ComponentRegistry registry) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        ResultFiles.write(r, dir);
        files.add(dir.resolve(ResultFiles.RESULTS_JSON)); // results.md is the report bundle's, among the files it returns
        Map<String, String> conventions = new LinkedHashMap<>();
        conventions.put("protocol", r.experiment().protocol());
        for (String id : r.metricIds()) {
            if (registry != null) {
                registry.find(Metric.class, id).ifPresent(m -> conventions.put(id, m.description()));
            }
        }
        files.addAll(Reports.write(r, dir, conventions));
        UiPrefs.put(UiPrefs.EXPORT_FOLDER, dir.toAbsolutePath().toString());
        return files;
    }

    /** Asks for a folder (opening on a usable one) and exports into it in a job; {@code status} is told what was written. */
    static void ask(Shell shell, ExperimentResult r, ComponentRegistry registry, Consumer<String> status) {
        DirectoryDialog d = new DirectoryDialog(shell);
        d.setText("Export the results");
        d.setMessage("A folder for results.json, results.md, results.csv, results.tex, report.html and a PNG chart per metric");
        d.setFilterPath(initialFolder().toString());
        String dir = d.open();
        if (dir == null) {
            return;
        }
        Job.create("Exporting the results", (IProgressMonitor m) -> {
            now(r, Path.of(dir), registry, status);
            return Status.OK_STATUS;
        }).schedule();
    }

    /** Exports now; {@code status} is told what was written, or why not. */
    static List<Path> now(ExperimentResult r, Path dir, ComponentRegistry registry, Consumer<String> status) {
        try {
            List<Path> files = write(r, dir, registry);
            status.accept(summary(files, dir));
            return files;
        } catch (IOException | RuntimeException e) {
            status.accept("Export failed: " + e.getMessage());
            return List.of();
        }
    }

    /** "Exported 9 files to DIR: results.json, results.md, results.csv, results.tex, report.html and 4 charts (PNG)." */
    static String summary(List<Path> files, Path dir) {
        List<String> named = files.stream().map(f -> f.getFileName().toString()).filter(n -> !n.startsWith("chart-")).toList();
        long charts = files.stream().filter(f -> f.getFileName().toString().startsWith("chart-")).count();
        return "Exported " + files.size() + " files to " + dir + ": " + String.join(", ", named)
                + (charts > 0 ? " and " + charts + " chart" + (charts == 1 ? "" : "s") + " (PNG)" : "") + ".";
    }

    /** Where the folder chooser opens: the last export's folder, else ~/choreolab-results, else the home folder. */
    static Path initialFolder() {
        String last = UiPrefs.get(UiPrefs.EXPORT_FOLDER);
        if (!last.isBlank() && Files.isDirectory(Path.of(last))) {
            return Path.of(last);
        }
        Path home = Path.of(System.getProperty("user.home"));
        Path results = home.resolve("choreolab-results");
        return Files.isDirectory(results) ? results : home;
    }
}
