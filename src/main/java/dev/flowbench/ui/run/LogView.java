package dev.flowbench.ui.run;

import dev.flowbench.engine.LogLevel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.PseudoClass;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Pane;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * The run's log (id {@code logs}): one-line rows drawn by hand, so that a frame costs what the rows on screen cost,
 * however many lines there are (a ListView's layout walks every row, and stalls the window under a flood of
 * lines). Rows have one height and the font is monospaced, so the width comes from character counts. A click selects
 * a line, Shift extends the selection, Ctrl+A selects all, Ctrl+C copies whole lines; the view follows the newest
 * line until scrolled up, and again once scrolled back to the end.
 */
public final class LogView extends Region {

    static final double ROW_HEIGHT = 20;
    private static final double TEXT_INSET = 6;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass STDERR = PseudoClass.getPseudoClass("stderr");
    private static final PseudoClass ENGINE = PseudoClass.getPseudoClass("engine");
    private static final Map<LogLevel, PseudoClass> LEVELS = new EnumMap<>(LogLevel.class);

    static {
        for (LogLevel level : LogLevel.values()) {
            LEVELS.put(level, PseudoClass.getPseudoClass(level.name().toLowerCase(Locale.ROOT)));
        }
    }

    private final ObservableList<LogRow> items;
    private final ScrollBar vertical = new ScrollBar();
    private final ScrollBar horizontal = new ScrollBar();
    private final Pane rows = new Pane();
    private final Rectangle clip = new Rectangle();
    private final List<Slot> slots = new ArrayList<>();
    private final Label placeholder;
    private final BooleanProperty following = new SimpleBooleanProperty(true);
    private int first;
    private int anchor = -1;
    private int caret = -1;
    private int longest;
    private int fullRows = 1;
    private Font measuredFont;
    private double charWidth = 7.2;
    private boolean placingBars;

    public LogView(ObservableList<LogRow> items, String placeholderText) {
        this.items = items;
        getStyleClass().add("log-view");
        setFocusTraversable(true);
        placeholder = new Label(placeholderText);
        placeholder.getStyleClass().add("log-placeholder");
        vertical.setOrientation(Orientation.VERTICAL);
        horizontal.setOrientation(Orientation.HORIZONTAL);
        rows.setClip(clip);
        rows.getStyleClass().add("log-rows");
        getChildren().addAll(rows, vertical, horizontal, placeholder);
        items.addListener((ListChangeListener<LogRow>) this::itemsChanged);
        vertical.valueProperty().addListener((o, a, value) -> {
            if (!placingBars) {
                scrollTo((int) Math.round(value.doubleValue()));
            }
        });
        horizontal.valueProperty().addListener((o, a, b) -> {
            if (!placingBars) {
                requestLayout();
            }
        });
        following.addListener((o, a, b) -> requestLayout());
        addEventHandler(ScrollEvent.SCROLL, this::wheel);
        rows.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        rows.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        addEventHandler(KeyEvent.KEY_PRESSED, this::key);
        MenuItem copy = new MenuItem("Copy");
        copy.setOnAction(e -> copySelection());
        MenuItem all = new MenuItem("Select All");
        all.setOnAction(e -> selectAll());
        setOnContextMenuRequested(e -> new ContextMenu(copy, all).show(this, e.getScreenX(), e.getScreenY()));
        itemsAdded(items, 0, items.size());
    }

    /** The lines the view shows (its filter applied), oldest first. */
    public ObservableList<LogRow> getItems() {
        return items;
    }

    /** Whether the newest line is kept in view; scrolling up turns it off, scrolling to the end on again. */
    public BooleanProperty followingProperty() {
        return following;
    }

    /** The selected lines, whole, one per line ("" when none). */
    public String selectedText() {
        if (anchor < 0 || caret < 0) {
            return "";
        }
        int from = Math.min(anchor, caret);
        int to = Math.min(Math.max(anchor, caret), items.size() - 1);
        return IntStream.rangeClosed(from, to).mapToObj(i -> LogLines.line(items.get(i))).collect(Collectors.joining("\n"));
    }

    public void selectAll() {
        if (!items.isEmpty()) {
            anchor = 0;
            caret = items.size() - 1;
            requestLayout();
        }
    }

    public void copySelection() {
        String text = selectedText();
        if (!text.isEmpty()) {
            ClipboardContent content = new ClipboardContent();
            content.putString(text);
            Clipboard.getSystemClipboard().setContent(content);
        }
    }

    // ---- the lines changing ----

    /** Keeps the top line, the selection and the widest line in step with lines added and removed (the oldest go in chunks). */
    private void itemsChanged(ListChangeListener.Change<? extends LogRow> change) {
        while (change.next()) {
            int from = change.getFrom();
            int removed = change.getRemovedSize();
            int added = change.getAddedSize();
            first = shifted(first, from, removed, added);
            anchor = anchor < 0 ? -1 : shifted(anchor, from, removed, added);
            caret = caret < 0 ? -1 : shifted(caret, from, removed, added);
            if (added > 0) {
                itemsAdded(change.getList(), from, from + added);
            }
        }
        if (anchor >= items.size() || caret >= items.size()) {
            anchor = caret = -1;
        }
        requestLayout();
    }

    /** Where index {@code at} is after {@code removed} lines at {@code from} were replaced by {@code added}. */
    private static int shifted(int at, int from, int removed, int added) {
        if (at < from) {
            return at;
        }
        if (at < from + removed) {
            return from; // its line is gone: the first one after it
        }
        return at - removed + added;
    }

    private void itemsAdded(List<? extends LogRow> list, int from, int to) {
        for (int i = from; i < to; i++) {
            longest = Math.max(longest, LogLines.shownLength(list.get(i)));
        }
    }

    // ---- scrolling ----

    private int lastFirst() {
        return Math.max(0, items.size() - fullRows);
    }

    private void scrollTo(int top) {
        first = Math.max(0, Math.min(top, lastFirst()));
        following.set(first >= lastFirst());
        requestLayout();
    }

    private void wheel(ScrollEvent event) {
        if (event.getDeltaY() != 0) {
            // a wheel's notch is 40 pixels on most desktops: three lines, as text views scroll
            int lines = (int) Math.signum(-event.getDeltaY()) * Math.max(1, (int) Math.round(Math.abs(event.getDeltaY()) * 3 / 40));
            scrollTo(first + lines);
        }
        if (event.getDeltaX() != 0 && horizontal.isVisible()) {
            horizontal.setValue(clamp(horizontal.getValue() - event.getDeltaX(), 0, horizontal.getMax()));
        }
        event.consume();
    }

    private static double clamp(double value, double min, double max) {
        return Math.max(min, Math.min(max, value));
    }

    // ---- selecting ----

    private int rowAt(double y) {
        return Math.max(0, Math.min(items.size() - 1, first + (int) Math.floor(y / ROW_HEIGHT)));
    }

    private void pressed(MouseEvent event) {
        requestFocus();
        if (items.isEmpty() || !event.isPrimaryButtonDown()) {
            return;
        }
        int row = rowAt(event.getY());
        if (!event.isShiftDown() || anchor < 0) {
            anchor = row;
        }
        caret = row;
        requestLayout();
    }

    private void dragged(MouseEvent event) {
        if (anchor < 0 || items.isEmpty()) {
            return;
        }
        if (event.getY() < 0) {
            scrollTo(first - 1);
        } else if (event.getY() > fullRows * ROW_HEIGHT) {
            scrollTo(first + 1);
        }
        caret = rowAt(event.getY());
        requestLayout();
    }

    private void key(KeyEvent event) {
        boolean shortcut = event.isShortcutDown();
        KeyCode code = event.getCode();
        if (shortcut && code == KeyCode.C) {
            copySelection();
        } else if (shortcut && code == KeyCode.A) {
            selectAll();
        } else if (code == KeyCode.UP || code == KeyCode.DOWN || code == KeyCode.PAGE_UP || code == KeyCode.PAGE_DOWN) {
            int step = switch (code) {
                case UP -> -1;
                case DOWN -> 1;
                case PAGE_UP -> -fullRows;
                default -> fullRows;
            };
            moveCaret(step, event.isShiftDown());
        } else if (code == KeyCode.HOME) {
            scrollTo(0);
        } else if (code == KeyCode.END) {
            following.set(true);
        } else {
            return;
        }
        event.consume();
    }

    private void moveCaret(int step, boolean extend) {
        if (items.isEmpty()) {
            return;
        }
        int from = caret < 0 ? (step > 0 ? first - 1 : first + fullRows) : caret;
        caret = Math.max(0, Math.min(items.size() - 1, from + step));
        if (!extend || anchor < 0) {
            anchor = caret;
        }
        if (caret < first) {
            scrollTo(caret);
        } else if (caret >= first + fullRows) {
            scrollTo(caret - fullRows + 1);
        } else {
            requestLayout();
        }
    }

    private boolean isSelected(int index) {
        return anchor >= 0 && index >= Math.min(anchor, caret) && index <= Math.max(anchor, caret);
    }

    // ---- drawing ----

    @Override
    protected void layoutChildren() {
        double width = getWidth();
        double height = getHeight();
        measureCharacters();
        double contentWidth = longest * charWidth + 2 * TEXT_INSET;
        double barWidth = vertical.prefWidth(-1);
        double barHeight = horizontal.prefHeight(-1);
        boolean wide = contentWidth > width - barWidth;
        double viewHeight = Math.max(0, height - (wide ? barHeight : 0));
        fullRows = Math.max(1, (int) Math.floor(viewHeight / ROW_HEIGHT));
        int drawnRows = (int) Math.ceil(viewHeight / ROW_HEIGHT);
        if (following.get()) {
            first = lastFirst();
        }
        first = Math.max(0, Math.min(first, lastFirst()));
        boolean tall = items.size() > fullRows;
        double viewWidth = Math.max(0, width - (tall ? barWidth : 0));
        placeBars(tall, wide, viewWidth, viewHeight, contentWidth, barWidth, barHeight);

        rows.resizeRelocate(0, 0, viewWidth, viewHeight);
        clip.setWidth(viewWidth);
        clip.setHeight(viewHeight);
        while (slots.size() < drawnRows) {
            Slot slot = new Slot();
            slots.add(slot);
            rows.getChildren().add(slot);
        }
        double offset = wide ? horizontal.getValue() : 0;
        double slotWidth = Math.max(viewWidth + offset, contentWidth);
        for (int i = 0; i < slots.size(); i++) {
            Slot slot = slots.get(i);
            int index = first + i;
            boolean shown = i < drawnRows && index < items.size();
            slot.setVisible(shown);
            if (shown) {
                slot.show(items.get(index), isSelected(index));
                slot.resizeRelocate(-offset, i * ROW_HEIGHT, slotWidth, ROW_HEIGHT);
            }
        }
        placeholder.setVisible(items.isEmpty());
        placeholder.resizeRelocate(0, 0, viewWidth, Math.min(viewHeight, 3 * ROW_HEIGHT));
    }

    private void placeBars(boolean tall, boolean wide, double viewWidth, double viewHeight, double contentWidth,
                           double barWidth, double barHeight) {
        placingBars = true;
        try {
            vertical.setVisible(tall);
            vertical.setMin(0);
            vertical.setMax(lastFirst());
            vertical.setVisibleAmount(Math.max(1, fullRows * (double) lastFirst() / Math.max(1, items.size())));
            vertical.setUnitIncrement(1);
            vertical.setBlockIncrement(fullRows);
            vertical.setValue(first);
            vertical.resizeRelocate(viewWidth, 0, barWidth, viewHeight);
            horizontal.setVisible(wide);
            horizontal.setMin(0);
            horizontal.setMax(Math.max(0, contentWidth - viewWidth));
            horizontal.setVisibleAmount(viewWidth);
            horizontal.setUnitIncrement(charWidth * 4);
            horizontal.setBlockIncrement(viewWidth);
            horizontal.setValue(clamp(horizontal.getValue(), 0, horizontal.getMax()));
            horizontal.resizeRelocate(0, viewHeight, viewWidth, barHeight);
        } finally {
            placingBars = false;
        }
    }

    /** The width of a character in the rows' font, measured again only when the font changes (a theme, a style). */
    private void measureCharacters() {
        if (slots.isEmpty()) {
            Slot probe = new Slot();
            slots.add(probe);
            rows.getChildren().add(probe);
            probe.setVisible(false);
            probe.applyCss();
        }
        Font font = slots.get(0).text.getFont();
        if (font != measuredFont) {
            Text sample = new Text("0123456789");
            sample.setFont(font);
            charWidth = sample.getLayoutBounds().getWidth() / 10;
            measuredFont = font;
        }
    }

    /** One row on screen, showing whichever line is there; its text is replaced only when the line changes. */
    private static final class Slot extends Region {
        private final Text text = new Text();
        private LogRow row;

        Slot() {
            getStyleClass().add("log-cell");
            text.getStyleClass().add("log-text");
            text.setTextOrigin(VPos.CENTER);
            text.setLayoutX(TEXT_INSET);
            text.setLayoutY(ROW_HEIGHT / 2);
            getChildren().add(text);
        }

        void show(LogRow line, boolean selected) {
            if (line != row) {
                row = line;
                text.setText(LogLines.shown(line));
                pseudoClassStateChanged(STDERR, line.isStderr());
                pseudoClassStateChanged(ENGINE, "flowbench".equals(line.stream()));
                LEVELS.forEach((level, pseudo) -> pseudoClassStateChanged(pseudo, line.level() == level));
            }
            pseudoClassStateChanged(SELECTED, selected);
        }

        @Override
        protected void layoutChildren() {
            // the text is placed once, in the constructor
        }
    }
}
