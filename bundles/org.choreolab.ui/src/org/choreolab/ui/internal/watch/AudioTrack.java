package org.choreolab.ui.internal.watch;

import java.nio.file.Path;

import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;

/** The music of the scene, played from the playhead at normal speed (other speeds play silently). */
final class AudioTrack {

    private Path file;
    private Clip clip;
    private String problem;

    /** A new track (none: null); the sound device is opened only when it first plays. */
    void load(Path music) {
        close();
        file = music;
        problem = null;
    }

    /** Plays from {@code seconds}; returns why not the first time there is no sound (a server, Xvfb), else null. */
    String play(double seconds) {
        stop();
        if (file == null || problem != null) {
            return null;
        }
        try {
            if (clip == null) {
                try (AudioInputStream in = AudioSystem.getAudioInputStream(file.toFile())) {
                    Clip c = AudioSystem.getClip();
                    c.open(in);
                    clip = c;
                }
            }
            clip.setMicrosecondPosition((long) (seconds * 1e6));
            clip.start();
            return null;
        } catch (IllegalArgumentException e) {
            // Java Sound's "No line matching interface Clip …": no sound device (a server, Xvfb). The dance
            // plays on without music, and the view says so once, in words a user reads.
            problem = "no sound device: the music is not played";
            return problem;
        } catch (javax.sound.sampled.LineUnavailableException e) {
            problem = "the sound device is busy: the music is not played";
            return problem;
        } catch (Exception | LinkageError e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            problem = "no sound (" + (m.length() > 60 ? m.substring(0, 60) + "…" : m) + ")";
            return problem;
        }
    }

    void stop() {
        if (clip != null) {
            clip.stop();
        }
    }

    void close() {
        if (clip != null) {
            clip.close();
            clip = null;
        }
    }
}
