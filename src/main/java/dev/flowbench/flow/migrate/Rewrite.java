package dev.flowbench.flow.migrate;

import dev.flowbench.flow.SourceRange;
import dev.flowbench.flow.edit.TextEdit;
import java.util.List;

/**
 * One mechanical rewrite that turns a Kestra 1.x construct into its Kestra 2 form.
 *
 * @param title  what it does, in the words of a quick fix ("Rewrite ForEach as Loop")
 * @param at     the construct it is about: the range the checker's problem has, so that the problem finds its fix
 * @param places the characters it changes, none overlapping, all in the text the plan was made of
 * @param edit   the same places as one edit (what an editor applies as one undo step)
 */
public record Rewrite(String title, SourceRange at, List<TextEdit> places, TextEdit edit) {

    public int line() {
        return at.start().line();
    }
}
