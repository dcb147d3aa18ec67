# Shared by the benchmark scripts under bench/ (sourced, not run): where the Lambda runtime
# harness is, building the function jar, and the local S3-compatible server. Expects ROOT (the
# repository) and BUILD (1 to build) to be set by the caller.

JAR=$ROOT/function/target/thumbctl-function.jar
CP_FILE=$ROOT/function/target/bench-classpath.txt
LAMBDA_RUNTIME=${LAMBDA_RUNTIME:-$ROOT/../shared/lambda-runtime}
PYTHON=${PYTHON:-/usr/bin/python3}

# Stops with exit 2 unless ../shared/lambda-runtime (or $LAMBDA_RUNTIME) is there.
bench_need_runtime() {
  [[ -x $LAMBDA_RUNTIME/run-lambda.sh ]] || { echo "no run-lambda.sh in $LAMBDA_RUNTIME (set LAMBDA_RUNTIME)" >&2; exit 2; }
}

# Stops with exit 2 unless $PYTHON has Pillow and boto3 (the Python handler's side).
bench_need_pillow() {
  "$PYTHON" -c 'import PIL, boto3' 2>/dev/null || { echo "$PYTHON lacks Pillow or boto3 (apt-get install python3-pil python3-boto3)" >&2; exit 2; }
}

# Builds the function jar and the test class path the S3 server runs on (unless BUILD=0).
bench_build() {
  (cd "$ROOT"
   if [[ $BUILD == 1 ]]; then
     ./mvnw -B -q -pl function package -DskipTests
     ./mvnw -B -q -pl function dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$CP_FILE" >/dev/null
   fi)
  [[ -s $JAR && -s $CP_FILE ]] || { echo "no $JAR or $CP_FILE: run without --no-build once" >&2; exit 2; }
}

# Starts s3proxy (from the test fixtures) on an ephemeral port with bucket $2, logging to $1/s3.log;
# sets S3_PID and ENDPOINT. The caller stops it (kill $S3_PID) when done.
bench_start_s3() {
  java -cp "$ROOT/function/target/test-classes:$ROOT/function/target/classes:$(cat "$CP_FILE")" \
    io.thumbctl.testing.S3ServerMain "$1/endpoint" "$2" > "$1/s3.log" 2>&1 &
  S3_PID=$!
  for _ in $(seq 300); do [[ -s $1/endpoint ]] && break; kill -0 $S3_PID || { cat "$1/s3.log" >&2; exit 2; }; sleep 0.1; done
  ENDPOINT=$(cat "$1/endpoint")
}
