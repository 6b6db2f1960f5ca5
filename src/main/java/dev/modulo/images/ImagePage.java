package dev.modulo.images;

import java.util.List;

/** One page of the grid, numbered from 1, and whether another follows. */
public record ImagePage(List<Image> images, int number, boolean hasNext) {

    public boolean hasPrevious() {
        return number > 1;
    }
}
