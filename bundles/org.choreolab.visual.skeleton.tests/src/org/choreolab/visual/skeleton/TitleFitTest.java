package org.choreolab.visual.skeleton;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A panel's title is cut visibly (an ellipsis), never by the next panel drawn over it. */
class TitleFitTest {

    @Test
    void aLongTitleInANarrowPanelEndsWithAnEllipsisAndFits() {
        String name = "Nearest neighbour by music features";
        String fitted = SkeletonPainter.fit(name, 168); // the Watch view's panel at 1024×768, less the beat mark
        assertTrue(fitted.endsWith("…") && fitted.length() <= 168 / 7, fitted);
        assertTrue(name.startsWith(fitted.substring(0, fitted.length() - 1)), fitted);
        assertEquals("Nearest neighbour by…", fitted, "cut at a word's end, no space before the ellipsis");
    }

    @Test
    void aTitleThatFitsIsKeptWhole() {
        assertEquals("Ground truth", SkeletonPainter.fit("Ground truth", 168));
        assertEquals("Nearest neighbour by music features", SkeletonPainter.fit("Nearest neighbour by music features", 600));
    }
}
