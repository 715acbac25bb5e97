#!/usr/bin/env bash
# A new project that uses nn-spark beside spark-mllib_2.13, with the consumer POM of nn-spark/README.md
# (taken from the README itself): resolves it offline from the locally installed NeuronKit artifacts,
# compiles a small job and runs a 1-epoch fit on local[2].
#   mvn -B -q install -DskipTests && nn-spark/consumer-test.sh      (CI, whose ~/.m2 is its own)
#   REPO=/tmp/spark-m2 nn-spark/consumer-test.sh                    (a private repository with the install)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
work="$(mktemp -d /tmp/neuronkit-consumer.XXXXXX)"
trap 'rm -rf "$work"' EXIT
repo=()
[ -n "${REPO:-}" ] && repo=("-Dmaven.repo.local=$REPO")

# the POM: the xml block after the README's "consumer POM" line, exactly as written there
awk '/Consumer POM \(tested by/ {found=1} found && /^```xml/ {inside=1; next} inside && /^```/ {exit} inside {print}' \
    "$root/nn-spark/README.md" >"$work/pom.xml"
grep -q "<artifactId>neuronkit-bom</artifactId>" "$work/pom.xml" || { echo "no consumer POM found in nn-spark/README.md"; exit 1; }

mkdir -p "$work/src/main/java/example"
cat >"$work/src/main/java/example/SparkConsumer.java" <<'JAVA'
package example;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.apache.spark.ml.evaluation.MulticlassClassificationEvaluator;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.neuronkit.layer.DenseSpec;
import org.neuronkit.spark.NeuronKitClassificationModel;
import org.neuronkit.spark.NeuronKitClassifier;

/** A 1-epoch fit of two Gaussian blobs on local[2]; prints the training accuracy. */
public final class SparkConsumer {
    public static void main(String[] args) {
        SparkSession spark = SparkSession.builder().master("local[2]").appName("consumer")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        Random random = new Random(1);
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            int label = i % 2;
            rows.add(RowFactory.create(Vectors.dense(label * 2 + random.nextGaussian(), -label * 2 + random.nextGaussian()), (double) label));
        }
        StructType schema = new StructType().add("features", SQLDataTypes.VectorType()).add("label", DataTypes.DoubleType);
        Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(2);
        NeuronKitClassificationModel model = new NeuronKitClassifier().setLayers(new DenseSpec(8, "relu"))
                .setLearningRate(0.05).setBatchSize(32).setEpochs(1).fit(data);
        double accuracy = new MulticlassClassificationEvaluator().setMetricName("accuracy").evaluate(model.transform(data));
        System.out.println("consumer: 1-epoch fit on local[2], training accuracy " + accuracy);
        spark.stop();
        if (accuracy < 0.8) {
            System.exit(1);
        }
    }
}
JAVA

cd "$work"
mvn -B -q -o "${repo[@]}" org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath -Dmdep.outputFile=cp.txt >/dev/null
echo "consumer classpath: $(tr ':' '\n' < cp.txt | grep -c jar) jars; Scala and Jackson as resolved:"
tr ':' '\n' < cp.txt | grep -E 'scala-library|jackson-databind|jackson-module-scala' | sed 's:.*/:  :'
javac -d classes -cp "$(cat cp.txt)" src/main/java/example/SparkConsumer.java
flags="$(sed -n 's:.*<spark.java17.flags>\(.*\)</spark.java17.flags>.*:\1:p' "$root/nn-spark/pom.xml")"
java $flags -cp "classes:$(cat cp.txt)" example.SparkConsumer 2>&1 | grep -E "^consumer:|Exception|Error" | head -20
test "${PIPESTATUS[0]}" = 0
