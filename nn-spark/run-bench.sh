#!/usr/bin/env bash
# Fashion-MNIST from a DataFrame on local[2]: NeuronKitClassifier beside MLlib's MultilayerPerceptronClassifier,
# an H sweep, local[1] vs local[2] samples/s, the single-machine Trainer, peak RSS (nn-spark/README.md).
#   nn-spark/run-bench.sh [key=value ...]     e.g. parts=neuronkit epochs=10 h=16 data=/path/to/fashion-mnist
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -B -q -pl nn-spark/bench -am compile dependency:build-classpath \
    -Dmdep.outputFile=target/classpath.txt -Dmdep.includeScope=provided >/dev/null
cp="$root/nn-spark/bench/target/classes:$root/nn-spark/target/classes:$root/nn-core/target/classes:$root/backend-cpu/target/classes:$(cat nn-spark/bench/target/classpath.txt)"
# ND4J's thread settings (scripts/thread-env.sh); each Spark task then limits ND4J to its own cores
source scripts/thread-env.sh
flags="$(sed -n 's:.*<spark.java17.flags>\(.*\)</spark.java17.flags>.*:\1:p' nn-spark/pom.xml)"
log4j="$root/nn-spark/bench/log4j2.properties"
exec java -Xmx4g $flags -Dlog4j2.configurationFile="$log4j" -cp "$cp" \
    org.neuronkit.spark.bench.FashionMnistSparkBenchmark "$@"
