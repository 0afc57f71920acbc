package dev.flowbench.flow.check;

import dev.flowbench.flow.Problem;
import dev.flowbench.flow.SourceRange;
import java.util.ArrayList;
import java.util.List;

/**
 * Problems another check must not report because the Kestra version's check already says what is wrong there, or
 * because the construct is valid for the Kestra targeted (Kestra 2's schema does not know 1.3's {@code name} on an
 * input, which 1.3 accepts).
 */
final class Excuses {

    private record Excuse(SourceRange range, String code, String fragment) {
        boolean covers(Problem problem) {
            int at = problem.range().start().offset();
            return problem.code().equals(code) && at >= range.start().offset() && at <= range.end().offset()
                    && (fragment == null || problem.message().contains(fragment));
        }
    }

    private final List<Excuse> excuses = new ArrayList<>();

    void add(SourceRange range, String code) {
        excuses.add(new Excuse(range, code, null));
    }

    /** Only problems whose message names {@code fragment} (such as {@code 'id'}). */
    void add(SourceRange range, String code, String fragment) {
        excuses.add(new Excuse(range, code, fragment));
    }

    boolean excuses(Problem problem) {
        return excuses.stream().anyMatch(excuse -> excuse.covers(problem));
    }
}
