package dev.vodelement.image.inspect;

import java.util.List;
import java.util.stream.Collectors;

import dev.vodelement.image.ImageRejected;

/** Every rule one image breaks (an image can be both too narrow and too elongated), carried out of its probe thread. */
final class ImageRejectedList extends Exception {

    private final List<ImageRejected> problems;

    ImageRejectedList(List<ImageRejected> problems) {
        super(problems.stream().map(ImageRejected::problem).collect(Collectors.joining("; ")), null, false, false);
        this.problems = List.copyOf(problems);
    }

    List<ImageRejected> problems() {
        return problems;
    }
}
