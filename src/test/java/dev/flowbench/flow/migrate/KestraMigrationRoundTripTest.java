package dev.flowbench.flow.migrate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flowbench.flow.KestraVersion;
import dev.flowbench.flow.Problem;
import dev.flowbench.flow.check.FlowValidator;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Kestra 1.3.34's own test flows through the migration, held to what real Kestra 2.0 said of the result
 * (kestra-1.3-migrated.tsv, written by tools/kestra-migration/roundtrip with kestra-oracle validate). Each verdict
 * belongs to the exact text Kestra judged: when the migration writes another text, this test names the flow and
 * the round trip must be run again, so the recorded count is always that of the migration as it is.
 */
class KestraMigrationRoundTripTest {

    private record Verdict(String sha256, boolean valid, String message) {
    }

    /** Kestra 2 accepts them and Flowbench still finds an error after migration, for the reason given. */
    private static final Map<String, String> STRICTER_THAN_KESTRA = Map.of(
            "flowable-with-parent-fail.yaml", "an expression with {% for %} inside {{ }}, which cannot be rendered:"
                    + " Kestra only finds out at run time (the flow is one of its failure tests)");

    private static Path flows;
    private static Map<String, Verdict> verdicts;
    private static final Map<String, Migrated> MIGRATED = new TreeMap<>();

    @BeforeAll
    static void migrateEveryFlow() throws IOException, URISyntaxException {
        flows = Path.of(KestraMigrationRoundTripTest.class.getResource("kestra-1.3.34-valids/NOTICE").toURI()).getParent();
        verdicts = new TreeMap<>();
        for (String line : Files.readAllLines(flows.resolveSibling("kestra-1.3-migrated.tsv"))) {
            if (!line.startsWith("#") && !line.isBlank()) {
                String[] cells = line.split("\t", -1);
                verdicts.put(cells[0], new Verdict(cells[1], cells[2].equals("valid"), cells[3]));
            }
        }
        try (var files = Files.list(flows)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).toList()) {
                MIGRATED.put(file.getFileName().toString(), Kestra2Migration.migrate(Files.readString(file)));
            }
        }
    }

    @Test
    void everyFlowWasJudgedByKestraInTheTextTheMigrationWritesNow() {
        assertThat(MIGRATED).hasSize(308);
        assertThat(verdicts.keySet()).isEqualTo(MIGRATED.keySet());
        Set<String> changed = new TreeSet<>();
        MIGRATED.forEach((file, migrated) -> {
            if (!sha256(migrated.text()).equals(verdicts.get(file).sha256())) {
                changed.add(file);
            }
        });
        assertThat(changed).as("the migration now writes another text for these flows: run tools/kestra-migration/roundtrip"
                + " to ask Kestra again").isEmpty();
    }

    @Test
    void kestraFindsMostValidAfterMigrationAndFlowbenchAgreesFlowByFlow() {
        long valid = verdicts.values().stream().filter(Verdict::valid).count();
        long validBefore = 192; // the same flows unmigrated, as kestra-oracle validate judged them on 2026-12-07
        assertThat(valid).isGreaterThanOrEqualTo(263).isGreaterThan(validBefore);
        FlowValidator validator = new FlowValidator(KestraVersion.KESTRA_2);
        Map<String, String> flowbenchStricter = new TreeMap<>();
        Map<String, String> kestraStricter = new TreeMap<>();
        MIGRATED.forEach((file, migrated) -> {
            List<Problem> errors = validator.validate(migrated.text()).problems().stream().filter(Problem::isError).toList();
            Verdict kestra = verdicts.get(file);
            if (kestra.valid() && !errors.isEmpty()) {
                flowbenchStricter.put(file, errors.get(0).message());
            }
            if (!kestra.valid() && errors.isEmpty() && migrated.manual().isEmpty()) {
                kestraStricter.put(file, kestra.message());
            }
        });
        assertThat(flowbenchStricter.keySet()).isEqualTo(STRICTER_THAN_KESTRA.keySet());
        assertThat(kestraStricter).as("Kestra 2 refuses these and Flowbench says nothing of them after migration").isEmpty();
    }

    @Test
    void migratingAgainChangesNothing() {
        MIGRATED.forEach((file, migrated) ->
                assertThat(Kestra2Migration.migrate(migrated.text()).text()).as(file).isEqualTo(migrated.text()));
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
