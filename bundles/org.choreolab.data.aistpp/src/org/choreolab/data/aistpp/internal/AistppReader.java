package org.choreolab.data.aistpp.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.choreolab.api.data.Dataset;
import org.choreolab.api.data.DatasetReader;
import org.choreolab.data.aistpp.AistppDataset;
import org.choreolab.data.aistpp.SampleDataset;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * The AIST++ reader. Its embedded dataset is the generated sample, kept in this bundle's data area
 * (or in {@code choreolab.sample.dir} when set) and generated on first use.
 */
@Component(service = DatasetReader.class, property = "choreolab.id=aistpp")
public final class AistppReader implements DatasetReader {

    private Path sampleDir;

    @Activate
    void activate(BundleContext context) {
        String configured = System.getProperty("choreolab.sample.dir");
        File data = context.getDataFile("sample");
        sampleDir = configured != null ? Path.of(configured)
                : data != null ? data.toPath() : Path.of(System.getProperty("java.io.tmpdir"), "choreolab-sample");
    }

    @Override
    public String id() {
        return "aistpp";
    }

    @Override
    public String name() {
        return "AIST++";
    }

    @Override
    public String description() {
        return "AIST++ as distributed: motions/*.pkl (SMPL, 60 fps), keypoints3d/, splits/crossmodal_*.txt, "
                + "ignore_list.txt, music/*.wav. Pickles are read behind an allow-list.";
    }

    @Override
    public boolean accepts(Path root) {
        return AistppDataset.looksLike(root);
    }

    @Override
    public Dataset open(Path root, boolean failFast) throws IOException {
        return AistppDataset.open(root, root.getFileName() == null ? root.toString() : root.getFileName().toString(), failFast);
    }

    @Override
    public Optional<Dataset> openEmbedded() throws IOException {
        return Optional.of(AistppDataset.open(SampleDataset.ensure(sampleDir), "embedded sample", false));
    }
}
