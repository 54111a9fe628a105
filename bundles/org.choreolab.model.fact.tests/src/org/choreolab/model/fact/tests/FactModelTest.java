package org.choreolab.model.fact.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.choreolab.model.fact.internal.FactModel;
import org.choreolab.model.fact.internal.Feedback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** fact.json's "feedback": what a model is meant to be run with. */
class FactModelTest {

    @Test
    void theShippedModelSaysProjectedAndAModelWithoutTheKeyIsReadSo(@TempDir Path tmp) throws IOException {
        assertEquals(Feedback.PROJECTED, FactModel.shipped(tmp.resolve("shipped")).feedback());
        Path dir = tmp.resolve("old");
        FactModel.writeInfo(dir, FactTesting.TINY, Map.of("dataset", "x"));
        Files.writeString(dir.resolve(FactModel.PARAMS), "");
        assertEquals(FactModel.DEFAULT_FEEDBACK, FactModel.read(dir).feedback(), "absent: what the shipped model was trained for");
        assertEquals(Feedback.PROJECTED, FactModel.DEFAULT_FEEDBACK);
    }

    @Test
    void aModelWrittenAsMintsSaysRawAtTheTopOrUnderTrained(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("mint");
        FactModel.writeInfo(dir, FactTesting.TINY, Feedback.RAW, Map.of("dataset", "x"));
        Files.writeString(dir.resolve(FactModel.PARAMS), "");
        assertTrue(Files.readString(dir.resolve(FactModel.JSON)).contains("\"feedback\" : \"raw\""));
        assertEquals(Feedback.RAW, FactModel.read(dir).feedback());
        Path under = tmp.resolve("under");
        FactModel.writeInfo(under, FactTesting.TINY, Map.of("dataset", "x", "feedback", "raw"));
        Files.writeString(under.resolve(FactModel.PARAMS), "");
        assertEquals(Feedback.RAW, FactModel.read(under).feedback());
    }

    @Test
    void anUnknownFeedbackIsRefusedNamingTheFileAndTheField(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("bad");
        FactModel.writeInfo(dir, FactTesting.TINY, Feedback.RAW, Map.of());
        Files.writeString(dir.resolve(FactModel.PARAMS), "");
        Path json = dir.resolve(FactModel.JSON);
        Files.writeString(json, Files.readString(json).replace("\"raw\"", "\"rawish\""));
        IOException e = assertThrows(IOException.class, () -> FactModel.read(dir));
        assertEquals(json + ": field 'feedback': expected raw (mint's) or projected (Choreolab's), got 'rawish'", e.getMessage());
    }
}
