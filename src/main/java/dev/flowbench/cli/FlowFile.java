package dev.flowbench.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reading a flow file named on the command line, with a message a user understands when it fails. */
final class FlowFile {

    static final String STDIN = "-";

    record Read(String text, String error) {
    }

    private FlowFile() {
    }

    static Read read(String name) {
        try {
            byte[] bytes = STDIN.equals(name) ? readAll(System.in) : readFile(Path.of(name));
            return new Read(decode(bytes), null);
        } catch (NoSuchFileException e) {
            return new Read(null, name + ": no such file");
        } catch (AccessDeniedException e) {
            return new Read(null, name + ": permission denied");
        } catch (CharacterCodingException e) {
            return new Read(null, name + ": not UTF-8 text; flows are UTF-8");
        } catch (IOException | RuntimeException e) {
            return new Read(null, name + ": cannot read (" + e.getMessage() + ")");
        }
    }

    private static byte[] readFile(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            throw new IOException("is a directory");
        }
        return Files.readAllBytes(path);
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private static String decode(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }
}
