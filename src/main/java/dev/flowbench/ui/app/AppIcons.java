package dev.flowbench.ui.app;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.image.Image;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The application icon at the sizes window managers pick from (icons/ in the repository), and the icon font of the
 * window's buttons; both can be loaded ahead, off the FX thread, while the window is being built.
 */
final class AppIcons {

    static final int[] SIZES = {16, 32, 64, 128, 256, 512};
    private static volatile List<Image> all;

    private AppIcons() {
    }

    /** Loads the icon font (making an icon loads it), needed first, then the images; any thread. */
    static void preload() {
        new FontIcon(Feather.FILE);
        all();
    }

    static List<Image> all() {
        List<Image> loaded = all;
        if (loaded == null) {
            List<Image> images = new ArrayList<>();
            for (int size : SIZES) {
                Image image = load(size);
                if (image != null) {
                    images.add(image);
                }
            }
            loaded = List.copyOf(images);
            all = loaded;
        }
        return loaded;
    }

    static Image load(int size) {
        InputStream in = AppIcons.class.getResourceAsStream("/dev/flowbench/icons/flowbench-" + size + ".png");
        return in == null ? null : new Image(in);
    }
}
