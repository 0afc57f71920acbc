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

    /** kvType as Kestra 2.0 keeps and gives it (kestra-oracle, 2026-12-08): typed in kv.Get and kv(), told apart where Kestra does. */
    @Test
    void kvTypeKeepsTheValueTypedAsKestraDoes() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: kvtype
                namespace: q.kv
                tasks:
                  - id: n
                    type: io.kestra.plugin.core.kv.Set
                    key: num
                    value: "41"
                    kvType: NUMBER
                  - id: plain
                    type: io.kestra.plugin.core.kv.Set
                    key: plain
                    value: "41"
                  - id: b
                    type: io.kestra.plugin.core.kv.Set
                    key: bool
                    value: "true"
                    kvType: BOOLEAN
                  - id: j
                    type: io.kestra.plugin.core.kv.Set
                    key: json
                    value: '{"a": [1, 2]}'
                    kvType: JSON
                  - id: d
                    type: io.kestra.plugin.core.kv.Set
                    key: date
                    value: "2026-12-08"
                    kvType: DATE
                  - id: dt
                    type: io.kestra.plugin.core.kv.Set
                    key: datetime
                    value: "2026-12-08T10:00:00Z"
                    kvType: DATETIME
                  - id: du
                    type: io.kestra.plugin.core.kv.Set
                    key: duration
                    value: "PT5M"
                    kvType: DURATION
                  - id: s
                    type: io.kestra.plugin.core.kv.Set
                    key: str
                    value: "41"
                    kvType: STRING
                  - id: num2
                    type: io.kestra.plugin.core.kv.Set
                    key: num2
                    value: 41
                  - id: g1
                    type: io.kestra.plugin.core.kv.Get
                    key: num
                  - id: g2
                    type: io.kestra.plugin.core.kv.Get
                    key: plain
                  - id: g3
                    type: io.kestra.plugin.core.kv.Get
                    key: json
                  - id: g4
                    type: io.kestra.plugin.core.kv.Get
                    key: date
                  - id: g5
                    type: io.kestra.plugin.core.kv.Get
                    key: num2
                  - id: g6
                    type: io.kestra.plugin.core.kv.Get
                    key: duration
                  - id: g7
                    type: io.kestra.plugin.core.kv.Get
                    key: datetime
                  - id: g8
                    type: io.kestra.plugin.core.kv.Get
                    key: bool
                  - id: fn
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ kv('num') + 1 }}|{{ kv('plain') + 1 }}|{{ kv('num2') + 1 }}|{{ kv('json').a[1] }}|{{ kv('bool') ? 'yes' : 'no' }}|{{ kv('date') }}|{{ kv('datetime') }}|{{ kv('duration') }}|{{ kv('str') + 1 }}"
                  - id: bad
                    type: io.kestra.plugin.core.kv.Set
                    key: badnum
                    value: "abc"
                    kvType: NUMBER
                """);
        assertThat(result.state()).isEqualTo(State.FAILED);
        assertThat(engine.finished("g1").outputs()).isEqualTo(Map.of("value", 41L));
        assertThat(engine.finished("g2").outputs()).isEqualTo(Map.of("value", "41"));
        assertThat(engine.finished("g3").outputs()).isEqualTo(Map.of("value", Map.of("a", List.of(1, 2))));
        assertThat(engine.finished("g4").outputs()).isEqualTo(Map.of("value", "2026-12-08"));
        assertThat(engine.finished("g5").outputs()).isEqualTo(Map.of("value", "41"));
        assertThat(engine.finished("g6").outputs()).isEqualTo(Map.of("value", 300.0));
        assertThat(engine.finished("g7").outputs()).isEqualTo(Map.of("value", "2026-12-08T10:00:00.000000Z"));
        assertThat(engine.finished("g8").outputs()).isEqualTo(Map.of("value", true));
        assertThat(engine.finished("fn").outputs()).containsEntry("value",
                "42|411|411|2|yes|2026-12-08|2026-12-08T10:00:00Z|PT5M|411");
        assertThat(engine.finished("bad").message()).isEqualTo("the value 'abc' is not a NUMBER (kvType)");
    }

    /** A value that is one expression keeps its rendered type without kvType (kestra-oracle, 2026-12-08). */
    @Test
    void aValueThatIsOneExpressionKeepsItsType() throws Exception {
        EngineFixture engine = new EngineFixture(home);
        ExecutionResult result = engine.run("""
                id: cmp
                namespace: q.kv
                tasks:
                  - id: set1
                    type: io.kestra.plugin.core.kv.Set
                    key: c
                    value: "1"
                    kvType: NUMBER
                  - id: set2
                    type: io.kestra.plugin.core.kv.Set
                    key: c
                    value: "{{ kv('c') + 1 }}"
                    overwrite: true
                  - id: get
                    type: io.kestra.plugin.core.kv.Get
                    key: c
                  - id: cmp
                    type: io.kestra.plugin.core.debug.Return
                    format: "{{ kv('c') < 2 }}|{{ kv('c') < 3 }}"
                """);
        assertThat(result.state()).isEqualTo(State.SUCCESS);
        assertThat(engine.finished("get").outputs()).isEqualTo(Map.of("value", 2L));
        assertThat(engine.finished("cmp").outputs()).containsEntry("value", "false|true");
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
