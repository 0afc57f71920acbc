package dev.flowbench.ui.editor;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a flow's text into styled tokens, line by line, for highlighting: keys, strings, numbers, booleans,
 * comments, punctuation, task {@code type} values and {@code {{ }}} / {@code {% %}} expressions. It is a
 * highlighter's lexer, forgiving and fast (no parse): the validator is what judges the text. Plain Java, so it
 * runs off the FX thread.
 */
final class YamlLexer {

    /** A styled span of a line, {@code end} exclusive, in UTF-16 offsets from the line's start. */
    record Token(int start, int end, String style) {
    }

    static final String KEY = "yaml-key";
    static final String STRING = "yaml-string";
    static final String NUMBER = "yaml-number";
    static final String LITERAL = "yaml-literal";
    static final String COMMENT = "yaml-comment";
    static final String PUNCT = "yaml-punct";
    static final String TYPE = "yaml-type";
    static final String EXPRESSION = "yaml-expression";
    static final String DOCUMENT = "yaml-document";

    private static final Pattern KEY_PATTERN = Pattern.compile(
            "(\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^']|'')*'|[^\\s#'\"\\[\\]{},&*!|>%@`-][^#]*?|-[^\\s#][^#]*?)\\s*:(?=\\s|$)");
    private static final Pattern EXPRESSION_PATTERN = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}|\\{\\{.*|\\{%.*");
    private static final Pattern NUMBER_PATTERN = Pattern.compile("[-+]?(\\d[\\d_]*(\\.\\d*)?([eE][-+]?\\d+)?|\\.\\d+|0x[0-9a-fA-F]+|0o[0-7]+|\\.inf|\\.nan)");
    private static final Pattern LITERAL_PATTERN = Pattern.compile("true|false|True|False|TRUE|FALSE|null|Null|NULL|~");

    private YamlLexer() {
    }

    /** The tokens of each line of {@code text} (lines split at '\n'; a '\r' before it belongs to no token). */
    static List<List<Token>> lex(String text) {
        List<List<Token>> lines = new ArrayList<>();
        int blockParentIndent = -1; // inside a | or > block scalar whose key was indented so much
        int start = 0;
        while (true) {
            int end = text.indexOf('\n', start);
            String line = text.substring(start, end < 0 ? text.length() : end);
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            List<Token> tokens = new ArrayList<>();
            int indent = indentOf(line);
            if (blockParentIndent >= 0 && (line.isBlank() || indent > blockParentIndent)) {
                string(line, indent, line.length(), tokens);
            } else {
                blockParentIndent = lexLine(line, tokens);
            }
            lines.add(tokens);
            if (end < 0) {
                return lines;
            }
            start = end + 1;
        }
    }

    /** Lexes an ordinary line; returns the indent of the key whose block scalar starts here, or -1. */
    private static int lexLine(String line, List<Token> tokens) {
        int at = indentOf(line);
        if (at == line.length()) {
            return -1;
        }
        if (line.startsWith("---") || line.startsWith("...")) {
            tokens.add(new Token(0, 3, DOCUMENT));
            comment(line, 3, tokens);
            return -1;
        }
        while (at < line.length() && line.charAt(at) == '-' && (at + 1 == line.length() || line.charAt(at + 1) == ' ')) {
            tokens.add(new Token(at, at + 1, PUNCT));
            at = skipSpaces(line, at + 1);
        }
        if (at < line.length() && line.charAt(at) == '#') {
            tokens.add(new Token(at, line.length(), COMMENT));
            return -1;
        }
        // a block scalar's lines are deeper than its key, or than the dash of a "- |" item
        List<Integer> dashColumns = dashes(tokens);
        int keyIndent = dashColumns.isEmpty() ? at : dashColumns.get(dashColumns.size() - 1);
        String key = null;
        Matcher keyMatch = KEY_PATTERN.matcher(line).region(at, line.length());
        if (keyMatch.lookingAt()) {
            int keyEnd = keyMatch.end(1);
            tokens.add(new Token(at, keyEnd, KEY));
            int colon = line.indexOf(':', keyEnd);
            tokens.add(new Token(colon, colon + 1, PUNCT));
            key = line.substring(at, keyEnd).replaceAll("^[\"']|[\"']$", "");
            keyIndent = keyMatch.start(1);
            at = skipSpaces(line, colon + 1);
        }
        return value(line, at, key, keyIndent, tokens);
    }

    private static List<Integer> dashes(List<Token> tokens) {
        List<Integer> found = new ArrayList<>();
        for (Token token : tokens) {
            if (PUNCT.equals(token.style())) {
                found.add(token.start());
            }
        }
        return found;
    }

    /** The value from {@code at} to the end of the line (a comment aside). */
    private static int value(String line, int at, String key, int keyIndent, List<Token> tokens) {
        if (at >= line.length()) {
            return -1;
        }
        char first = line.charAt(at);
        if (first == '#') {
            tokens.add(new Token(at, line.length(), COMMENT));
            return -1;
        }
        if (first == '|' || first == '>') {
            int end = at + 1;
            while (end < line.length() && "+-0123456789".indexOf(line.charAt(end)) >= 0) {
                end++;
            }
            tokens.add(new Token(at, end, PUNCT));
            comment(line, end, tokens);
            return keyIndent;
        }
        if (first == '"' || first == '\'') {
            int close = closingQuote(line, at, first);
            int end = close < 0 ? line.length() : close + 1;
            string(line, at, end, tokens);
            comment(line, end, tokens);
            return -1;
        }
        if (first == '[' || first == '{') {
            flow(line, at, tokens);
            return -1;
        }
        int end = plainEnd(line, at);
        String word = line.substring(at, end).strip();
        int wordEnd = at + word.length();
        if ("type".equals(key)) {
            tokens.add(new Token(at, wordEnd, TYPE));
        } else if (NUMBER_PATTERN.matcher(word).matches()) {
            tokens.add(new Token(at, wordEnd, NUMBER));
        } else if (LITERAL_PATTERN.matcher(word).matches()) {
            tokens.add(new Token(at, wordEnd, LITERAL));
        } else {
            string(line, at, wordEnd, tokens);
        }
        comment(line, end, tokens);
        return -1;
    }

    /** A flow collection on one line: brackets and commas as punctuation, items as strings, numbers or literals. */
    private static void flow(String line, int at, List<Token> tokens) {
        int i = at;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
                tokens.add(new Token(i, line.length(), COMMENT));
                return;
            }
            if ("[]{},:".indexOf(c) >= 0) {
                tokens.add(new Token(i, i + 1, PUNCT));
                i++;
            } else if (c == '"' || c == '\'') {
                int close = closingQuote(line, i, c);
                int end = close < 0 ? line.length() : close + 1;
                string(line, i, end, tokens);
                i = end;
            } else if (c == ' ') {
                i++;
            } else {
                int end = i;
                while (end < line.length() && "[]{},#".indexOf(line.charAt(end)) < 0
                        && !(line.charAt(end) == ':' && (end + 1 == line.length() || line.charAt(end + 1) == ' '))) {
                    end++;
                }
                String word = line.substring(i, end).strip();
                int wordEnd = i + word.length();
                String style = NUMBER_PATTERN.matcher(word).matches() ? NUMBER
                        : LITERAL_PATTERN.matcher(word).matches() ? LITERAL : null;
                if (style != null) {
                    tokens.add(new Token(i, wordEnd, style));
                } else {
                    string(line, i, wordEnd, tokens);
                }
                i = Math.max(end, i + 1);
            }
        }
    }

    /** A string from {@code start} to {@code end}, with the expressions in it marked. */
    private static void string(String line, int start, int end, List<Token> tokens) {
        Matcher expression = EXPRESSION_PATTERN.matcher(line).region(start, end);
        int at = start;
        while (expression.find()) {
            if (expression.start() > at) {
                tokens.add(new Token(at, expression.start(), STRING));
            }
            tokens.add(new Token(expression.start(), expression.end(), EXPRESSION));
            at = expression.end();
        }
        if (end > at) {
            tokens.add(new Token(at, end, STRING));
        }
    }

    private static void comment(String line, int from, List<Token> tokens) {
        int hash = line.indexOf(" #", Math.max(0, from - 1));
        if (hash >= 0 && hash + 1 >= from) {
            tokens.add(new Token(hash + 1, line.length(), COMMENT));
        }
    }

    /** Where a plain scalar ends: at " #" (a comment) or the end of the line. */
    private static int plainEnd(String line, int at) {
        int hash = line.indexOf(" #", at);
        return hash < 0 ? line.length() : hash;
    }

    private static int closingQuote(String line, int open, char quote) {
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '"' && c == '\\') {
                i++;
            } else if (c == quote) {
                if (quote == '\'' && i + 1 < line.length() && line.charAt(i + 1) == '\'') {
                    i++;
                } else {
                    return i;
                }
            }
        }
        return -1;
    }

    private static int indentOf(String line) {
        return skipSpaces(line, 0);
    }

    private static int skipSpaces(String line, int from) {
        int i = from;
        while (i < line.length() && (line.charAt(i) == ' ' || line.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }
}
