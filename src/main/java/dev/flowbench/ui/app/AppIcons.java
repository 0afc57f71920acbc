package dev.flowbench.ui.app;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;

/** The application icon at the sizes window managers pick from (icons/ in the repository). */
final class AppIcons {

    static final int[] SIZES = {16, 32, 64, 128, 256, 512};

    private AppIcons() {
    }

    static List<Image> all() {
        List<Image> images = new ArrayList<>();
        for (int size : SIZES) {
            Image image = load(size);
            if (image != null) {
                images.add(image);
            }
        }
        return images;
    }

    static Image load(int size) {
        InputStream in = AppIcons.class.getResourceAsStream("/dev/flowbench/icons/flowbench-" + size + ".png");
        return in == null ? null : new Image(in);
    }
}
