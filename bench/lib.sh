# Shared by the benchmark scripts under bench/ (sourced, not run): where the Lambda runtime
# harness is, building the function jar, and the local S3-compatible server. Expects ROOT (the
# repository) and BUILD (1 to build) to be set by the caller.

JAR=$ROOT/function/target/thumbctl-function.jar
CP_FILE=$ROOT/function/target/bench-classpath.txt
LAMBDA_HARNESS=${LAMBDA_HARNESS:-$ROOT/../shared/lambda-runtime}
PYTHON=${PYTHON:-/usr/bin/python3}

# How the S3 server is reached: https (as on AWS; the default) or plain-http; and RTT_MS, a round
# trip added to every exchange with it (0: none). Set by the callers' --plain-http and --rtt.
S3_SCHEME=https RTT_MS=0

# Stops with exit 2 unless ../shared/lambda-runtime (or $LAMBDA_HARNESS) is there.
bench_need_runtime() {
  [[ -x $LAMBDA_HARNESS/run-lambda.sh ]] || { echo "no run-lambda.sh in $LAMBDA_HARNESS (set LAMBDA_HARNESS)" >&2; exit 2; }
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

# Starts s3proxy (from the test fixtures) on an ephemeral port with bucket $2, logging to $1/s3.log,
# over $S3_SCHEME with $RTT_MS; sets S3_PID and ENDPOINT. With https, the certificate is made for
# the run in $1/tls and trusted by every client started after this: boto3 through AWS_CA_BUNDLE,
# AWS-LC through SSL_CERT_FILE, JVMs through JAVA_TOOL_OPTIONS (a trust store that holds this certificate alone). The caller stops
# the server (kill $S3_PID) when done.
bench_start_s3() {
  local args=()
  [[ $S3_SCHEME == https ]] && args+=(--https "$1/tls")
  [[ $RTT_MS != 0 ]] && args+=(--rtt "$RTT_MS")
  java -cp "$ROOT/function/target/test-classes:$ROOT/function/target/classes:$(cat "$CP_FILE")" \
    io.thumbctl.testing.S3ServerMain "${args[@]}" "$1/endpoint" "$2" > "$1/s3.log" 2>&1 &
  S3_PID=$!
  for _ in $(seq 300); do [[ -s $1/endpoint ]] && break; kill -0 $S3_PID || { cat "$1/s3.log" >&2; exit 2; }; sleep 0.1; done
  ENDPOINT=$(cat "$1/endpoint")
  if [[ $S3_SCHEME == https ]]; then
    export AWS_CA_BUNDLE=$1/tls/ca.pem
    export SSL_CERT_FILE=$1/tls/ca.pem   # AWS-LC's default trust (the CRT HTTP client's TLS)
    export JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:+$JAVA_TOOL_OPTIONS }-Djavax.net.ssl.trustStore=$1/tls/truststore.p12 -Djavax.net.ssl.trustStorePassword=thumbctl-test -Djavax.net.ssl.trustStoreType=PKCS12"
  fi
  local note=''
  [[ $RTT_MS != 0 ]] && note=" (+$RTT_MS ms per round trip)"
  echo "S3 server: $ENDPOINT$note" >&2
}
