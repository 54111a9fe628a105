package org.choreolab.ui.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.eclipse.core.runtime.Platform;
import org.eclipse.core.runtime.URIUtil;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.model.application.ui.advanced.MPerspective;
import org.eclipse.e4.ui.model.application.ui.basic.MWindow;
import org.eclipse.e4.ui.workbench.lifecycle.PostContextCreate;
import org.eclipse.e4.ui.workbench.lifecycle.ProcessAdditions;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.osgi.service.datalocation.Location;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.osgi.framework.FrameworkUtil;

/**
 * The workbench's life cycle (product property {@code lifeCycleURI}). e4 restores the window, the
 * layout and the views from the model it saved on exit; this class makes that safe and useful:
 * <ul>
 * <li>a model saved by another version of Application.e4xmi is dropped, so a new build's views, menus and
 * commands appear (the state is kept as long as the application model is unchanged);</li>
 * <li>the first perspective is kept as a snippet, from which Window › Reset Perspective rebuilds it;</li>
 * <li>a window larger than the screen (the model's default, or a state saved on a larger screen) is fitted
 * to the screen and centred, so no part of it is off-screen;</li>
 * <li>the cache folder preference is applied before any engine starts.</li>
 * </ul>
 */
public final class LifeCycle {

    public static final String PERSPECTIVE = "org.choreolab.ui.perspective.main";

    @PostContextCreate
    void contextCreated() {
        try {
            dropStaleModel();
        } catch (IOException | RuntimeException e) {
            System.err.println("choreolab: cannot compare the saved workbench state with this version: " + e.getMessage());
        }
        String cache = UiPrefs.get(UiPrefs.CACHE_FOLDER);
        if (!cache.isBlank()) {
            System.setProperty("choreolab.cache", cache);
        }
    }

    @ProcessAdditions
    void additions(MApplication app, EModelService models) {
        for (MWindow w : app.getChildren()) {
            for (MPerspective p : models.findElements(w, PERSPECTIVE, MPerspective.class)) {
                if (models.findSnippet(app, PERSPECTIVE) == null) {
                    // Taken before anything is rendered or moved: the layout as Application.e4xmi defines it.
                    models.cloneElement(p, app);
                }
            }
            fit(w, Display.getDefault().getPrimaryMonitor().getClientArea());
        }
    }

    /** Fits a window into {@code screen} (90 % of it at most) and centres it when it does not fit. */
    static void fit(MWindow w, Rectangle screen) {
        boolean tooWide = w.getWidth() > screen.width || w.getWidth() <= 0;
        boolean tooHigh = w.getHeight() > screen.height || w.getHeight() <= 0;
        boolean outside = w.getX() < screen.x || w.getY() < screen.y || w.getX() + Math.max(0, w.getWidth()) > screen.x + screen.width
                || w.getY() + Math.max(0, w.getHeight()) > screen.y + screen.height;
        if (tooWide) {
            w.setWidth(screen.width * 9 / 10);
        }
        if (tooHigh) {
            w.setHeight(screen.height * 9 / 10);
        }
        if (tooWide || tooHigh || outside) {
            w.setX(screen.x + (screen.width - w.getWidth()) / 2);
            w.setY(screen.y + (screen.height - w.getHeight()) / 2);
        }
    }

    /** Deletes e4's saved model when Application.e4xmi is not the one it was saved with. */
    private static void dropStaleModel() throws IOException {
        Location instance = Platform.getInstanceLocation();
        if (instance == null || instance.getURL() == null) {
            return;
        }
        Path base;
        try {
            base = Path.of(URIUtil.toURI(instance.getURL())).resolve(".metadata").resolve(".plugins");
        } catch (URISyntaxException e) {
            throw new IOException(e.getMessage(), e);
        }
        Path saved = base.resolve("org.eclipse.e4.workbench").resolve("workbench.xmi");
        Path stamp = base.resolve("org.choreolab.ui").resolve("application-model.sha256");
        String now = modelDigest();
        String then = Files.isRegularFile(stamp) ? Files.readString(stamp).trim() : "";
        if (!now.equals(then)) {
            Files.deleteIfExists(saved);
            Files.createDirectories(stamp.getParent());
            Files.writeString(stamp, now + "\n");
        }
    }

    private static String modelDigest() throws IOException {
        var entry = FrameworkUtil.getBundle(LifeCycle.class).getEntry("Application.e4xmi");
        try (InputStream in = entry.openStream()) {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        } catch (NoSuchAlgorithmException e) {
            throw new IOException(e);
        }
    }
}
