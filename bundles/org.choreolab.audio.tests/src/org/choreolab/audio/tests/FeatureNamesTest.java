package org.choreolab.audio.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.choreolab.audio.BailandoFeatures;
import org.choreolab.audio.FactFeatures;
import org.junit.jupiter.api.Test;

/** The dimension names files and tables carry: one per dimension, in the order the pipelines write them. */
class FeatureNamesTest {

    @Test
    void factAndBailandoNameEveryDimensionInOrder() {
        List<String> fact = FactFeatures.NAMES;
        assertEquals(FactFeatures.DIMS, fact.size());
        assertEquals(List.of("envelope", "mfcc_0"), fact.subList(0, 2));
        assertEquals(List.of("mfcc_19", "chroma_C", "chroma_C#"), fact.subList(20, 23));
        assertEquals(List.of("chroma_B", "onset", "beat"), fact.subList(32, 35));

        List<String> bailando = BailandoFeatures.NAMES;
        assertEquals(BailandoFeatures.DIMS, bailando.size());
        assertEquals(List.of("mfcc_19", "mfcc_delta_0"), bailando.subList(19, 21));
        assertEquals(List.of("mfcc_delta_19", "chroma_C"), bailando.subList(39, 41));
        assertEquals(List.of("chroma_B", "onset_envelope", "onset_beat", "tempogram_0"), bailando.subList(51, 55));
        assertEquals("tempogram_383", bailando.get(437));
    }
}
