package org.choreolab.backend.djl;

import java.io.IOException;
import java.io.InputStream;

/**
 * Defines a model bundle's network classes next to this engine's DJL: parent first (DJL and our API
 * come from the engine bundle), then the class file read from the model bundle's resources.
 */
final class NetworkClassLoader extends ClassLoader {

    private final ClassLoader source;

    NetworkClassLoader(ClassLoader source, ClassLoader engine) {
        super("choreolab-network", engine);
        this.source = source;
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        String file = name.replace('.', '/') + ".class";
        try (InputStream in = source.getResourceAsStream(file)) {
            if (in == null) {
                throw new ClassNotFoundException(name);
            }
            byte[] bytes = in.readAllBytes();
            return defineClass(name, bytes, 0, bytes.length);
        } catch (IOException e) {
            throw new ClassNotFoundException(name + ": " + e.getMessage(), e);
        }
    }
}
