package org.choreolab.ui.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Shell;

/** A PNG of a window as it is on the screen (the self-test's and the tests' pictures, docs/workbench-*.png). */
public final class Screenshots {

    private Screenshots() {
    }

    /** Writes the window's pixels into {@code file}; says why not on stderr. */
    public static void write(Shell shell, Path file) {
        Rectangle r = shell.getBounds();
        Image img = new Image(shell.getDisplay(), r.width, r.height);
        GC gc = new GC(shell.getDisplay());
        try {
            gc.copyArea(img, r.x, r.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {img.getImageData()};
            if (file.getParent() != null) {
                Files.createDirectories(file.getParent());
            }
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } catch (IOException e) {
            System.err.println("choreolab: cannot write the screenshot " + file + ": " + e.getMessage());
        } finally {
            gc.dispose();
            img.dispose();
        }
    }
}
