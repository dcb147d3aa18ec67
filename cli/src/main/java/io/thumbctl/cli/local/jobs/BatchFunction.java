package io.thumbctl.cli.local.jobs;

/**
 * The function as S3 Batch Operations sees it: invoked synchronously with one event (JSON bytes),
 * it answers with the JSON Batch Operations reads the task's result from. An exception is a
 * function error, as Lambda reports one (the answer, if any, is lost).
 */
@FunctionalInterface
public interface BatchFunction {

    byte[] invoke(byte[] event) throws Exception;
}
