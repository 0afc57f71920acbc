package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * storage.Write, Concat, Split, Size and Delete, read(), and a Loop over a file's uri, as Kestra 2.0 runs them: the
 * expected texts are those kestra-oracle printed for the same flow (2026-12-08).
 */
class StorageTasksTest {

    @TempDir
    Path home;

    @Test
    void writeConcatSplitSizeAndDeleteGiveWhatKestraGave() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: storage
                namespace: q.storage
                tasks:
                  - id: write
                    type: io.kestra.plugin.core.storage.Write
                    content: "line 1\\nline 2\\nline 3\\n"
                  - id: write2
                    type: io.kestra.plugin.core.storage.Write
                    content: "other"
                    extension: .csv
                  - id: size
                    type: io.kestra.plugin.core.storage.Size
                    uri: "{{ outputs.write.uri }}"
                  - id: concat
                    type: io.kestra.plugin.core.storage.Concat
                    files:
                      - "{{ outputs.write.uri }}"
                      - "{{ outputs.write2.uri }}"
                  - id: concatsep
                    type: io.kestra.plugin.core.storage.Concat
                    separator: "\\n--\\n"
                    extension: .txt
                    files: '["{{ outputs.write.uri }}", "{{ outputs.write2.uri }}"]'
                  - id: split
                    type: io.kestra.plugin.core.storage.Split
                    from: "{{ outputs.write.uri }}"
                    rows: 2
                  - id: big
                    type: io.kestra.plugin.core.storage.Write
                    content: "{% for i in range(1, 200) %}line number {{ i }}\\n{% endfor %}"
                  - id: splitbytes
                    type: io.kestra.plugin.core.storage.Split
                    from: "{{ outputs.big.uri }}"
                    bytes: 1KB
                  - id: regex
                    type: io.kestra.plugin.core.storage.Write
                    content: "INFO - wow\\nERROR - no\\nINFO - ok\\n"
                  - id: splitregex
                    type: io.kestra.plugin.core.storage.Split
                    from: "{{ outputs.regex.uri }}"
                    regexPattern: "^(\\\\w+)"
                  - id: splitparts
                    type: io.kestra.plugin.core.storage.Split
                    from: "{{ outputs.write.uri }}"
                    partitions: 2
                  - id: showregex
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ outputs.splitregex.uris | length }}{% for u in outputs.splitregex.uris %}|{{ read(u) }}{% endfor %}|{{ fileSize(outputs.big.uri) }}{% for u in outputs.splitbytes.uris %}|{{ fileSize(u) }}{% endfor %}"
                  - id: show
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ read(outputs.concat.uri) }}|{{ read(outputs.concatsep.uri) }}|{{ outputs.split.uris | length }}|{{ read(outputs.split.uris[0]) }}|{{ outputs.splitbytes.uris | length }}|{{ read(outputs.splitparts.uris[1]) }}"
                  - id: delete
                    type: io.kestra.plugin.core.storage.Delete
                    uri: "{{ outputs.write2.uri }}"
                  - id: delete2
                    type: io.kestra.plugin.core.storage.Delete
                    uri: "{{ outputs.write2.uri }}"
                  - id: delete3
                    type: io.kestra.plugin.core.storage.Delete
                    uri: "{{ outputs.write2.uri }}"
                    errorOnMissing: true
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("size").outputs()).isEqualTo(Map.of("size", 21L));
        assertThat(engine.finished("write2").outputs().get("uri")).asString().endsWith(".csv");
        assertThat(engine.finished("showregex").outputs()).containsEntry("value",
                "2|INFO - wow\nINFO - ok\n|ERROR - no\n|3092|1026|1026|1024|16");
        assertThat(engine.finished("show").outputs()).containsEntry("value",
                "line 1\nline 2\nline 3\nother|line 1\nline 2\nline 3\n\n--\nother\n--\n|2|line 1\nline 2\n|4|line 2\n");
        String written2 = (String) engine.finished("write2").outputs().get("uri");
        assertThat(engine.finished("delete").outputs()).isEqualTo(Map.of("uri", written2, "deleted", true));
        assertThat(Path.of(written2)).doesNotExist();
        assertThat(engine.finished("delete2").outputs()).isEqualTo(Map.of("uri", written2, "deleted", false));
        assertThat(engine.finished("delete3").message()).isEqualTo("Unable to find file '" + written2 + "'");
    }

    @Test
    void aLoopOverAFilesUriRunsOnceForEachOfItsIonValues() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: loop-values-from-uri
                namespace: q.storage
                tasks:
                  - id: write
                    type: io.kestra.plugin.core.storage.Write
                    content: |-
                      {date:"2025-12-03T12:00:00Z",title:"Michel-Ange",views:448}
                      {date:"2025-12-03T12:00:00Z",title:"Histoire_des_jeux",views:438}
                    extension: .ion
                  - id: text
                    type: io.kestra.plugin.core.storage.Write
                    content: "line 1\\nline 2\\n"
                  - id: rows
                    type: io.kestra.plugin.core.flow.Loop
                    values: "{{ outputs.write.uri }}"
                    tasks:
                      - id: item
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ item.index }} - {{ fromJson(item.value).title }}"
                  - id: words
                    type: io.kestra.plugin.core.flow.Loop
                    values: "{{ outputs.text.uri }}"
                    tasks:
                      - id: word
                        type: io.kestra.plugin.core.debug.Return
                        format: "{{ item.value }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.iterations("rows")).containsExactly(
                "0 {\"date\":\"2025-12-03T12:00:00Z\",\"title\":\"Michel-Ange\",\"views\":448}",
                "1 {\"date\":\"2025-12-03T12:00:00Z\",\"title\":\"Histoire_des_jeux\",\"views\":438}");
        assertThat(engine.allFinished("item")).extracting(run -> run.outputs().get("value"))
                .containsExactly("0 - Michel-Ange", "1 - Histoire_des_jeux");
        assertThat(engine.allFinished("word")).extracting(run -> run.outputs().get("value"))
                .containsExactly("line", "1", "line", "2");
    }

    @Test
    void badPropertiesAndFilesOutsideFailSayingWhat() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        Path outside = Files.writeString(home.resolve("outside.txt"), "x");
        engine.run("""
                id: bad
                namespace: q.storage
                tasks:
                  - id: write
                    type: io.kestra.plugin.core.storage.Write
                    content: "a\\nb\\n"
                  - id: two
                    type: io.kestra.plugin.core.storage.Split
                    from: "{{ outputs.write.uri }}"
                    rows: 1
                    partitions: 2
                    allowFailure: true
                  - id: tiny
                    type: io.kestra.plugin.core.storage.Split
                    from: "{{ outputs.write.uri }}"
                    bytes: 5B
                    allowFailure: true
                  - id: outside
                    type: io.kestra.plugin.core.storage.Size
                    uri: OUTSIDE
                    allowFailure: true
                  - id: deleteoutside
                    type: io.kestra.plugin.core.storage.Delete
                    uri: OUTSIDE
                    allowFailure: true
                """.replace("OUTSIDE", outside.toString()));
        assertThat(engine.finished("two").message()).endsWith("Split needs exactly one of `rows`, `bytes`, `partitions` or `regexPattern`, and has 2");
        assertThat(engine.finished("tiny").message()).contains("Invalid size with value '5B'");
        assertThat(engine.finished("outside").message()).contains("is not an output file of an execution");
        assertThat(engine.finished("deleteoutside").message()).contains("Delete removes a file of this execution");
        assertThat(outside).exists();
        assertThat(List.of(engine.finished("write").state())).containsExactly(State.SUCCESS);
    }
}
