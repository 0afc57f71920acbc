package dev.flowbench.engine;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.UUID;

/** Execution ids in Kestra's style: a random UUID written in base 62 (22 characters, safe in paths). */
public final class ExecutionIds {

    private static final String DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(DIGITS.length());
    private static final int LENGTH = 22;

    private ExecutionIds() {
    }

    public static String next() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        BigInteger value = new BigInteger(1, bytes.array());
        StringBuilder id = new StringBuilder();
        while (value.signum() > 0) {
            BigInteger[] division = value.divideAndRemainder(BASE);
            id.append(DIGITS.charAt(division[1].intValue()));
            value = division[0];
        }
        while (id.length() < LENGTH) {
            id.append('0');
        }
        return id.reverse().toString();
    }
}
