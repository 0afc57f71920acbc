package dev.flowbench.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The KV tasks and kv() as Kestra 2.0 runs them: the flows here were run by kestra-oracle (2026-12-08). */
class KvTest {

    @TempDir
    Path home;

    @Test
    void setGetKeysDeleteAndKvGiveWhatKestraGave() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: kv
                namespace: q.kv
                tasks:
                  - id: set
                    type: io.kestra.plugin.core.kv.Set
                    key: greeting
                    value: hello
                  - id: setmap
                    type: io.kestra.plugin.core.kv.Set
                    key: config
                    value:
                      a: 1
                      b: [x, y]
                  - id: get
                    type: io.kestra.plugin.core.kv.Get
                    key: greeting
                  - id: getmap
                    type: io.kestra.plugin.core.kv.Get
                    key: config
                  - id: missing
                    type: io.kestra.plugin.core.kv.Get
                    key: nosuch
                  - id: keys
                    type: io.kestra.plugin.core.kv.GetKeys
                  - id: prefixed
                    type: io.kestra.plugin.core.kv.GetKeys
                    prefix: gre
                  - id: fn
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ kv('greeting') }} {{ kv('config') }} {{ kv('nosuch', errorOnMissing=false) ?? 'none' }}"
                  - id: del
                    type: io.kestra.plugin.core.kv.Delete
                    key: greeting
                  - id: delagain
                    type: io.kestra.plugin.core.kv.Delete
                    key: greeting
                  - id: after
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ kv('greeting', errorOnMissing=false) ?? 'gone' }}"
                  - id: noover
                    type: io.kestra.plugin.core.kv.Set
                    key: config
                    value: other
                    overwrite: false
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("get").outputs()).isEqualTo(Map.of("value", "hello"));
        assertThat(engine.finished("getmap").outputs()).isEqualTo(Map.of("value", "{\"a\":1,\"b\":[\"x\",\"y\"]}"));
        assertThat(engine.finished("missing").outputs()).isEmpty();
        assertThat(engine.finished("keys").outputs()).isEqualTo(Map.of("keys", List.of("config", "greeting")));
        assertThat(engine.finished("prefixed").outputs()).isEqualTo(Map.of("keys", List.of("greeting")));
        assertThat(engine.finished("fn").outputs()).containsEntry("value", "hello {\"a\":1,\"b\":[\"x\",\"y\"]} none");
        assertThat(engine.finished("del").outputs()).isEqualTo(Map.of("deleted", true));
        assertThat(engine.finished("delagain").outputs()).isEqualTo(Map.of("deleted", false));
        assertThat(engine.finished("after").outputs()).containsEntry("value", "gone");
        assertThat(engine.finished("noover").state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("noover").message())
                .isEqualTo("Cannot set value for key 'config'. Key already exists and `overwrite` is set to `false`.");
    }

    @Test
    void kvOfAMissingKeyFailsItsTaskInKestrasWords() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: kvmiss
                namespace: q.kv
                tasks:
                  - id: fn
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ kv('nosuch') }}"
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("fn").message()).contains("The key 'nosuch' does not exist in the namespace 'q.kv'.");
    }

    @Test
    void aTtlThatIsNotADurationFailsTheTaskSayingSo() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: badttl
                namespace: q.kv
                tasks:
                  - id: set
                    type: io.kestra.plugin.core.kv.Set
                    key: k
                    value: v
                    ttl: "{{ 'soon' }}"
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("set").message()).isEqualTo("`ttl` must be an ISO-8601 duration, not 'soon'");
    }
}
