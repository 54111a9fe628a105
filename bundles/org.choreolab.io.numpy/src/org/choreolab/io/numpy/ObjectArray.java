package org.choreolab.io.numpy;

import java.util.Arrays;
import java.util.List;

/**
 * A numpy array of Python objects ({@code dtype('O')}), as {@code np.save} writes a dict or a list
 * ({@code np.save('x.pkl', {'pred_position': a})} stores a 0-d object array holding the dict). Its
 * items went through the same allow-list as any pickle: plain containers, numbers, strings and
 * {@link NdArray}s only. Immutable.
 */
public final class ObjectArray {

    private final int[] shape;
    private final List<Object> items;

    public ObjectArray(int[] shape, List<?> items) {
        long n = NdArray.count(shape);
        if (n < 0) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + ": negative dimension");
        }
        if (n != items.size()) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n + " items, got " + items.size());
        }
        this.shape = shape.clone();
        // Copied into a list that allows null (Python's None).
        this.items = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }

    public int[] shape() {
        return shape.clone();
    }

    public int ndim() {
        return shape.length;
    }

    public int size() {
        return items.size();
    }

    /** The items in C order (Python's None as null); unmodifiable. */
    public List<Object> items() {
        return items;
    }

    public Object get(int flatIndex) {
        return items.get(flatIndex);
    }

    /** numpy's {@code a.item()}: the single item of a one-item array (a 0-d array from {@code np.save} of a dict). */
    public Object item() {
        if (items.size() != 1) {
            throw new IllegalStateException("item() of an object array of shape " + NdArray.shapeString(shape) + " (one item is needed)");
        }
        return items.get(0);
    }

    public String shapeString() {
        return NdArray.shapeString(shape);
    }

    @Override
    public String toString() {
        return "ndarray" + shapeString() + " object";
    }
}
