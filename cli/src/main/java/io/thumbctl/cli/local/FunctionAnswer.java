package io.thumbctl.cli.local;

import io.micronaut.serde.annotation.Serdeable;
import io.thumbctl.thumbnail.OutcomeView;

import java.util.List;

/** The JSON the function answers an invocation with: {@code {"outcomes":[...]}}. */
@Serdeable
record FunctionAnswer(List<OutcomeView> outcomes) {
}
