package org.ae4j.data.table;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ae4j.data.Dataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

class TableReaderTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private static Table fitAll(Path file, TableOptions options) throws IOException {
        return TableReader.fit(file, options, 0, 1).train();
    }

    @Test
    void infersKindsAndEncodesEachColumn() throws IOException {
        Path file = write("t.csv", """
                id,height,colour,smoker,country,note
                1,1.5,red,yes,fr,x
                2,2.5,"blue",no,fr,x
                3,,red,YES,fr,x
                4,3.5,green,no,fr,x
                """);
        Table t = fitAll(file, TableOptions.defaults().withKinds(Map.of()));
        TableSchema s = t.schema();
        assertThat(s.columns()).extracting(ColumnSpec::name, ColumnSpec::kind).containsExactly(
                org.assertj.core.groups.Tuple.tuple("id", ColumnKind.IDENTIFIER),
                org.assertj.core.groups.Tuple.tuple("height", ColumnKind.NUMERIC),
                org.assertj.core.groups.Tuple.tuple("colour", ColumnKind.CATEGORICAL),
                org.assertj.core.groups.Tuple.tuple("smoker", ColumnKind.BOOLEAN),
                org.assertj.core.groups.Tuple.tuple("country", ColumnKind.CONSTANT),
                org.assertj.core.groups.Tuple.tuple("note", ColumnKind.CONSTANT));
        assertThat(s.featureNames()).containsExactly("height", "colour=red", "colour=blue", "colour=green", "colour=<other>", "smoker");
        INDArray x = t.data().features();
        assertThat(x.shape()).containsExactly(4, 6);
        ColumnSpec height = s.columns().get(1);
        assertThat(height.center()).isCloseTo(2.5, within(1e-12));              // the mean of the present values
        assertThat(height.scale()).isCloseTo(1.0, within(1e-12));               // their sample standard deviation
        assertThat(x.getRow(0).toDoubleVector()).containsExactly(-1, 1, 0, 0, 0, 1);
        assertThat(x.getDouble(2, 0)).as("a missing number is NaN").isNaN();
        assertThat(x.getRow(2).toDoubleVector()).endsWith(1, 0, 0, 0, 1);      // YES is true, whatever the case
    }

    @Test
    void readsQuotingEscapedQuotesBomCrlfBlankLinesAndOtherDelimiters() throws IOException {
        Path csv = write("q.csv", "\uFEFFname,value\r\n\"Smith, \"\"Jr\"\"\",1\r\n\r\nplain,2\r\nplain,3\r\n");
        Table t = fitAll(csv, TableOptions.defaults());
        assertThat(t.schema().columns().get(0).categories()).containsExactly("plain", "Smith, \"Jr\"");
        assertThat(t.data().size()).isEqualTo(3);
        Path tsv = write("t.tsv", "a\tb,c\n1\tx,y\n2\tz,w\n");
        assertThat(fitAll(tsv, TableOptions.defaults()).schema().columns()).extracting(ColumnSpec::name).containsExactly("a", "b,c");
        Path tabs = write("tabs.txt", "a\tb\tc,d\n1\t2\tx,y\n3\t4\tz,w\n");
        assertThat(fitAll(tabs, TableOptions.defaults()).schema().columns()).extracting(ColumnSpec::name).containsExactly("a", "b", "c,d");
        Path semi = write("s.csv", "a;b\n1,5;2\n3,5;4\n");
        assertThat(fitAll(semi, TableOptions.defaults()).schema().columns()).extracting(ColumnSpec::name).containsExactly("a", "b");
    }

    @Test
    void missingValueSpellingsAreMissing() throws IOException {
        Path file = write("m.csv", "a,b\n1,x\nNA,?\nnull,y\n4,NaN\n5,x\n");
        Table t = fitAll(file, TableOptions.defaults());
        INDArray x = t.data().features();
        assertThat(x.getDouble(1, 0)).isNaN();
        assertThat(x.getDouble(2, 0)).isNaN();
        assertThat(x.getRow(1).getDouble(1)).isNaN();                         // every slot of a missing category
        assertThat(t.schema().columns().get(0).note()).isEqualTo("2 missing of 5");
    }

    @Test
    void labelIsKeptOutOfTheFeaturesAndIgnoredColumnsAreLeftOut() throws IOException {
        Path file = write("l.csv", "a,b,class\n1,9,neg\n2,8,pos\n3,7,neg\n");
        Table t = fitAll(file, TableOptions.defaults().withLabel("class").withIgnored(List.of("b")));
        assertThat(t.schema().featureNames()).containsExactly("a");
        assertThat(t.schema().labelClasses()).containsExactly("neg", "pos");
        assertThat(t.data().labels()).hasValueSatisfying(l -> assertThat(l).containsExactly(0, 1, 0));
    }

    @Test
    void scoringMatchesColumnsByNameAndSendsNewCategoriesToTheOtherSlot() throws IOException {
        Path train = write("train.csv", "a,colour\n1,red\n2,blue\n3,red\n");
        TableSchema schema = fitAll(train, TableOptions.defaults()).schema();
        Path later = write("later.csv", "extra,colour,a\nz,purple,2\nz,red,1\n");
        Dataset d = TableReader.read(later, schema, Optional.empty()).data();
        assertThat(d.features().getRow(0).toDoubleVector()).containsExactly(0, 0, 0, 1);
        assertThat(d.features().getRow(1).toDoubleVector()).containsExactly(-1, 1, 0, 0);
    }

    @Test
    void theSeededSplitHoldsOutTheSameRowsAndFitsOnTrainingRowsOnly() throws IOException {
        StringBuilder text = new StringBuilder("x\n");
        for (int i = 0; i < 1000; i++) {
            text.append(i).append('\n');
        }
        Path file = write("s.csv", text.toString());
        Table.Split a = TableReader.fit(file, TableOptions.defaults(), 0.2, 7);
        Table.Split b = TableReader.fit(file, TableOptions.defaults(), 0.2, 7);
        int test = a.test().orElseThrow().data().size();
        assertThat(test).isBetween(160, 240);
        assertThat(a.train().data().size() + test).isEqualTo(1000);
        assertThat(a.test().get().data().features()).isEqualTo(b.test().orElseThrow().data().features());
        assertThat(a.train().schema().trainingRows()).isEqualTo(1000 - test);
        assertThat(TableReader.readHeldOut(file, a.train().schema(), Optional.empty()).data().features())
                .isEqualTo(a.test().get().data().features());
    }

    @Test
    void refusesARaggedRowNamingItsLine() throws IOException {
        Path file = write("r.csv", "a,b,c\n1,2,3\n4,5\n");
        assertThatThrownBy(() -> fitAll(file, TableOptions.defaults())).isInstanceOf(TableException.class)
                .hasMessage(file + ":3: the row has 2 fields, expected 3 (the header's)");
    }

    @Test
    void refusesAnUnterminatedQuoteNamingItsLineAndColumn() throws IOException {
        Path file = write("u.csv", "a,b,c\n1,2,3\n4,\"open,6\n7,8,9\n");
        assertThatThrownBy(() -> fitAll(file, TableOptions.defaults())).isInstanceOf(TableException.class)
                .hasMessageStartingWith(file + ":3: column 2 opens a quoted field that runs over")
                .hasMessageEndingWith("an unterminated quote?");
    }

    @Test
    void refusesAColumnMissingAtScoringTime() throws IOException {
        TableSchema schema = fitAll(write("train.csv", "a,b\n1,2\n3,4\n"), TableOptions.defaults()).schema();
        Path later = write("later.csv", "a,c\n1,2\n");
        assertThatThrownBy(() -> TableReader.read(later, schema, Optional.empty())).isInstanceOf(TableException.class)
                .hasMessage(later + " lacks the column 'b' the model was trained with; its columns: a, c");
    }

    @Test
    void refusesAnAllMissingColumn() throws IOException {
        Path file = write("e.csv", "a,b\n1,\n2,NA\n");
        assertThatThrownBy(() -> fitAll(file, TableOptions.defaults())).isInstanceOf(TableException.class)
                .hasMessage(file + ": column 'b' is missing in every training row; leave it out with --ignore b (or give values)");
    }

    @Test
    void refusesAnEmptyFileAndAHeaderWithoutRows() throws IOException {
        Path empty = write("empty.csv", "");
        assertThatThrownBy(() -> fitAll(empty, TableOptions.defaults())).isInstanceOf(TableException.class)
                .hasMessage(empty + " is empty: a table needs a header row and at least one row");
        Path header = write("header.csv", "a,b\n");
        assertThatThrownBy(() -> fitAll(header, TableOptions.defaults())).isInstanceOf(TableException.class)
                .hasMessage(header + " has no data rows: a table needs a header row and at least one row");
    }

    @Test
    void refusesABinaryFile() throws IOException {
        Path file = dir.resolve("image.png");
        Files.write(file, new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10, 26, 10, 0, 0, 0, 13});
        assertThatThrownBy(() -> fitAll(file, TableOptions.defaults())).isInstanceOf(TableException.class)
                .hasMessageStartingWith(file + " is not a text table: it has a zero byte at offset 8");
    }

    @Test
    void refusesTextInANumericColumnAtScoringTimeNamingLineAndColumn() throws IOException {
        TableSchema schema = fitAll(write("train.csv", "a,b\n1,2\n3,4\n"), TableOptions.defaults()).schema();
        Path later = write("later.csv", "b,a\n2,1\n4,three\n");
        assertThatThrownBy(() -> TableReader.read(later, schema, Optional.empty())).isInstanceOf(TableException.class)
                .hasMessageStartingWith(later + ":3: column 'a' (column 2) holds 'three', which is not a number; the column is numeric");
    }

    @Test
    void refusesInfiniteNumbersAndUnknownColumnNames() throws IOException {
        Path inf = write("inf.csv", "a,b\n1,2\nInfinity,4\n");
        assertThatThrownBy(() -> fitAll(inf, TableOptions.defaults())).isInstanceOf(TableException.class)
                .hasMessage(inf + ":3: column 'a' (column 1) holds 'Infinity', which is infinite; give a finite number, or a missing value");
        Path ok = write("ok.csv", "a,b\n1,2\n3,4\n");
        assertThatThrownBy(() -> fitAll(ok, TableOptions.defaults().withLabel("klass"))).isInstanceOf(TableException.class)
                .hasMessage(ok + " has no column 'klass'; its columns: a, b");
    }

    @Test
    void refusesRepeatedOrBlankColumnNames() throws IOException {
        Path repeated = write("r.csv", "a,b,a\n1,2,3\n");
        assertThatThrownBy(() -> fitAll(repeated, TableOptions.defaults())).isInstanceOf(TableException.class)
                .hasMessage(repeated + ":1: column 3 repeats the name 'a' of column 1");
        Path blank = write("b.csv", "a,,c\n1,2,3\n");
        assertThatThrownBy(() -> fitAll(blank, TableOptions.defaults())).isInstanceOf(TableException.class)
                .hasMessage(blank + ":1: column 2 has no name; the first row must name every column");
    }

    @Test
    void robustAndMinMaxScalingUseTheirStatistics() throws IOException {
        Path file = write("n.csv", "x\n0\n1\n2\n3\n100\n");
        ColumnSpec minMax = fitAll(file, TableOptions.defaults().withScaling(Scaling.MIN_MAX)).schema().columns().get(0);
        assertThat(minMax.center()).isEqualTo(0);
        assertThat(minMax.scale()).isEqualTo(100);
        ColumnSpec robust = fitAll(file, TableOptions.defaults().withScaling(Scaling.ROBUST)).schema().columns().get(0);
        assertThat(robust.center()).isEqualTo(2);
        assertThat(robust.scale()).isEqualTo(2);                                // IQR 3 − 1
    }
}
