<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActivationView</name>
    <message>
        <source>Layer:</source>
        <translation>Schicht:</translation>
    </message>
    <message>
        <source>Output percentiles over time</source>
        <translation>Perzentile der Ausgabe über die Zeit</translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation>gesehene Bilder</translation>
    </message>
    <message>
        <source>layer output value</source>
        <translation>Ausgabewert der Schicht</translation>
    </message>
    <message>
        <source>Latest output histogram</source>
        <translation>Aktuelles Histogramm der Ausgabe</translation>
    </message>
    <message>
        <source>fraction of values</source>
        <translation>Anteil der Werte</translation>
    </message>
    <message>
        <source>all layers</source>
        <translation>alle Schichten</translation>
    </message>
    <message>
        <source>output</source>
        <translation>Ausgabe</translation>
    </message>
    <message>
        <source>; pick a layer above to see any other</source>
        <translation>; oben eine Schicht wählen, um jede andere zu sehen</translation>
    </message>
    <message>
        <source>%1: output percentiles over time</source>
        <translation>%1: Perzentile der Ausgabe über die Zeit</translation>
    </message>
    <message>
        <source>%1: latest output histogram</source>
        <translation>%1: aktuelles Histogramm der Ausgabe</translation>
    </message>
    <message>
        <source>line: median · band: 15th–85th percentile (the middle 70% of the outputs)</source>
        <translation>Linie: Median · Band: 15. bis 85. Perzentil (die mittleren 70 % der Ausgaben)</translation>
    </message>
    <message>
        <source>line: median · click an arm below to see its band (15th–85th percentile)</source>
        <translation>Linie: Median · eine Variante unten anklicken, um ihr Band zu sehen (15. bis 85. Perzentil)</translation>
    </message>
    <message>
        <source>mean of the seeds</source>
        <translation>Mittel der Seeds</translation>
    </message>
</context>
<context>
    <name>BatchNormExplainer</name>
    <message>
        <source>Batch norm, step by step: 4 examples, 3 features. Edit any white cell.</source>
        <translation>Batch-Normalisierung Schritt für Schritt: 4 Beispiele, 3 Merkmale. Jede weiße Zelle ist änderbar.</translation>
    </message>
    <message>
        <source>example %1</source>
        <translation>Beispiel %1</translation>
    </message>
    <message>
        <source>feature %1</source>
        <translation>Merkmal %1</translation>
    </message>
    <message>
        <source>W to feature %1</source>
        <translation>W zu Merkmal %1</translation>
    </message>
    <message>
        <source>bias b</source>
        <translation>Bias b</translation>
    </message>
    <message>
        <source>from %1</source>
        <translation>von %1</translation>
    </message>
    <message>
        <source>The mini-batch x</source>
        <translation>Der Mini-Batch x</translation>
    </message>
    <message>
        <source>Four examples go through the network together. Each row is one example.</source>
        <translation>Vier Beispiele laufen gemeinsam durch das Netz. Jede Zeile ist ein Beispiel.</translation>
    </message>
    <message>
        <source>Linear layer weights</source>
        <translation>Gewichte der linearen Schicht</translation>
    </message>
    <message>
        <source>Row j holds the weights that make feature j; the last row is the bias.</source>
        <translation>Zeile j enthält die Gewichte, aus denen Merkmal j entsteht; die letzte Zeile ist der Bias.</translation>
    </message>
    <message>
        <source>Batch-norm parameters</source>
        <translation>Parameter der Batch-Normalisierung</translation>
    </message>
    <message>
        <source>gamma and beta are learned: they let the network undo the normalization if that helps.</source>
        <translation>Gamma und Beta werden gelernt: Mit ihnen kann das Netz die Normalisierung rückgängig machen, wenn das hilft.</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>variance</source>
        <translation>Varianz</translation>
    </message>
    <message>
        <source>unbiased var</source>
        <translation>erwartungstreue Var.</translation>
    </message>
    <message>
        <source>Linear layer: z = x Wᵀ + b</source>
        <translation>Lineare Schicht: z = x Wᵀ + b</translation>
    </message>
    <message>
        <source>Each feature is a weighted sum of the example&apos;s inputs plus a bias.</source>
        <translation>Jedes Merkmal ist eine gewichtete Summe der Eingaben des Beispiels plus ein Bias.</translation>
    </message>
    <message>
        <source>ReLU: a = max(z, 0)</source>
        <translation>ReLU: a = max(z, 0)</translation>
    </message>
    <message>
        <source>Negative values become 0 (grey). Batch norm sees these activations.</source>
        <translation>Negative Werte werden 0 (grau). Diese Aktivierungen sieht die Batch-Normalisierung.</translation>
    </message>
    <message>
        <source>Batch mean and variance, per feature</source>
        <translation>Mittelwert und Varianz des Batches, je Merkmal</translation>
    </message>
    <message>
        <source>Down each column: mean = average of the 4 values; variance = average squared distance from the mean (divided by N = 4).</source>
        <translation>Spaltenweise: Mittelwert = Durchschnitt der 4 Werte; Varianz = mittlere quadrierte Abweichung vom Mittelwert (geteilt durch N = 4).</translation>
    </message>
    <message>
        <source>Shift to mean 0: a − mean</source>
        <translation>Auf Mittelwert 0 verschieben: a − Mittelwert</translation>
    </message>
    <message>
        <source>Subtracting the column&apos;s mean centres every feature on 0.</source>
        <translation>Das Abziehen des Spaltenmittelwerts zentriert jedes Merkmal um 0.</translation>
    </message>
    <message>
        <source>Scale to variance 1: x̂ = (a − mean) / √(var + ε)</source>
        <translation>Auf Varianz 1 skalieren: x̂ = (a − Mittelwert) / √(Var + ε)</translation>
    </message>
    <message>
        <source>Dividing by the standard deviation gives every feature the same spread (ε = 0.00001 avoids dividing by 0).</source>
        <translation>Das Teilen durch die Standardabweichung gibt jedem Merkmal dieselbe Streuung (ε = 0,00001 verhindert eine Division durch 0).</translation>
    </message>
    <message>
        <source>Scale and shift: y = γ x̂ + β</source>
        <translation>Skalieren und verschieben: y = γ x̂ + β</translation>
    </message>
    <message>
        <source>This is what the next layer receives in training.</source>
        <translation>Das erhält die nächste Schicht im Training.</translation>
    </message>
    <message>
        <source>training steps on this batch:</source>
        <translation>Trainingsschritte mit diesem Batch:</translation>
    </message>
    <message>
        <source>running mean</source>
        <translation>laufender Mittelwert</translation>
    </message>
    <message>
        <source>running var</source>
        <translation>laufende Varianz</translation>
    </message>
    <message>
        <source>Running statistics (for eval mode)</source>
        <translation>Laufende Statistiken (für den Auswertungsmodus)</translation>
    </message>
    <message>
        <source>They start at mean 0, variance 1. Each training step moves them 10% of the way: running = 0.9 × running + 0.1 × batch (variance divided by N − 1 = 3).</source>
        <translation>Sie beginnen bei Mittelwert 0 und Varianz 1. Jeder Trainingsschritt bewegt sie um 10 % des Weges: laufend = 0,9 × laufend + 0,1 × Batch (Varianz geteilt durch N − 1 = 3).</translation>
    </message>
    <message>
        <source>Eval mode: the running statistics replace the batch&apos;s</source>
        <translation>Auswertungsmodus: Die laufenden Statistiken ersetzen die des Batches</translation>
    </message>
    <message>
        <source>y = γ (a − running mean) / √(running var + ε) + β. At test time there is no batch to average over, so the running statistics are used. After few steps they are far from the batch&apos;s own, and the output differs from step 7.</source>
        <translation>y = γ (a − laufender Mittelwert) / √(laufende Varianz + ε) + β. Beim Testen gibt es keinen Batch, über den gemittelt werden kann, also werden die laufenden Statistiken verwendet. Nach wenigen Schritten liegen sie noch weit von denen des Batches entfernt, und die Ausgabe weicht von Schritt 7 ab.</translation>
    </message>
    <message>
        <source>A red cell is not a number: fix it to update the steps (the numbers shown are from the last valid input).</source>
        <translation>Eine rote Zelle ist keine Zahl: Korrigieren Sie sie, damit die Schritte neu berechnet werden (die angezeigten Zahlen stammen von der letzten gültigen Eingabe).</translation>
    </message>
</context>
<context>
    <name>BatchNormView</name>
    <message>
        <source>Batch-norm layer:</source>
        <translation>Batch-Norm-Schicht:</translation>
    </message>
    <message>
        <source>solid: batch statistics / train mode · thin line: running statistics / eval mode</source>
        <translation>Linie: Batch-Statistik / Trainingsmodus · dünn: laufende Statistik / Auswertungsmodus</translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation>gesehene Bilder</translation>
    </message>
    <message>
        <source>Mean over channels</source>
        <translation>Mittelwert über die Kanäle</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Variance over channels</source>
        <translation>Varianz über die Kanäle</translation>
    </message>
    <message>
        <source>variance</source>
        <translation>Varianz</translation>
    </message>
    <message>
        <source>Held-out batch accuracy: train mode vs eval mode</source>
        <translation>Genauigkeit auf einem zurückgehaltenen Batch: Trainings- gegen Auswertungsmodus</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:%1&quot;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; %3% → %4%</source>
        <translation>&lt;span style=&quot;color:%1&quot;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; %3 % → %4 %</translation>
    </message>
    <message>
        <source>Population statistics recomputed (step %1, averaged over %2 training images). Eval-mode test accuracy before → after: %3</source>
        <translation>Populationsstatistiken neu berechnet (Schritt %1, gemittelt über %2 Trainingsbilder). Testgenauigkeit im Auswertungsmodus vorher → nachher: %3</translation>
    </message>
    <message>
        <source>No run uses batch norm.

Tick “Batch norm (BN)” in the side panel, or open lesson 4, to compare its batch statistics with its running statistics, and train mode with eval mode.</source>
        <translation>Kein Lauf verwendet Batch-Normalisierung.

Kreuzen Sie in der Seitenleiste „Batch-Normalisierung (BN)“ an oder öffnen Sie Lektion 4, um ihre Batch-Statistiken mit den laufenden Statistiken und den Trainingsmodus mit dem Auswertungsmodus zu vergleichen.</translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <source>cannot write to &apos;%1&apos;: %2</source>
        <translation>kann nicht nach „%1“ schreiben: %2</translation>
    </message>
    <message>
        <source>the folder &apos;%1&apos; does not exist</source>
        <translation>der Ordner „%1“ existiert nicht</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a folder</source>
        <translation>„%1“ ist kein Ordner</translation>
    </message>
    <message>
        <source>PNG encoding failed</source>
        <translation>PNG-Kodierung fehlgeschlagen</translation>
    </message>
    <message>
        <source>could not start the SVG document</source>
        <translation>das SVG-Dokument konnte nicht begonnen werden</translation>
    </message>
    <message>
        <source>could not start the PDF document</source>
        <translation>das PDF-Dokument konnte nicht begonnen werden</translation>
    </message>
    <message>
        <source>nothing to export to &apos;%1&apos;: no charts</source>
        <translation>nichts nach „%1“ zu exportieren: keine Diagramme</translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation>Batch %1</translation>
    </message>
    <message>
        <source>lr %1</source>
        <translation>LR %1</translation>
    </message>
    <message>
        <source>dropout %1</source>
        <translation>Dropout %1</translation>
    </message>
    <message>
        <source>weight decay %1</source>
        <translation>Weight Decay %1</translation>
    </message>
    <message>
        <source>init %1</source>
        <translation>Init. %1</translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation>Seed %1</translation>
    </message>
    <message>
        <source>seeds %1</source>
        <translation>Seeds %1</translation>
    </message>
    <message>
        <source>step %1</source>
        <translation>Schritt %1</translation>
    </message>
    <message>
        <source>nothing to export to &apos;%1&apos;: no chart</source>
        <translation>nichts nach „%1“ zu exportieren: kein Diagramm</translation>
    </message>
    <message>
        <source>solid</source>
        <comment>first word of a line-style key</comment>
        <translation>durchgezogen</translation>
    </message>
    <message>
        <source>line</source>
        <comment>first word of a line-style key</comment>
        <translation>Linie</translation>
    </message>
    <message>
        <source>with</source>
        <comment>as in: line with dots</comment>
        <translation>mit</translation>
    </message>
</context>
<context>
    <name>ChartStyle</name>
    <message>
        <source> – diverged at step %1</source>
        <translation> – divergiert bei Schritt %1</translation>
    </message>
    <message>
        <source> – failed</source>
        <translation> – fehlgeschlagen</translation>
    </message>
    <message>
        <source>charts for the first %1 of %2 probed layers</source>
        <translation>Diagramme für die ersten %1 von %2 gemessenen Schichten</translation>
    </message>
</context>
<context>
    <name>ChartTabs</name>
    <message>
        <source>Loss &amp; accuracy</source>
        <translation>Verlust &amp; Genauigkeit</translation>
    </message>
    <message>
        <source>Activations</source>
        <translation>Aktivierungen</translation>
    </message>
    <message>
        <source>Gradient flow</source>
        <translation>Gradientenfluss</translation>
    </message>
    <message>
        <source>Batch norm</source>
        <translation>Batch-Norm</translation>
    </message>
    <message>
        <source>Layers</source>
        <translation>Schichten</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation>Variation</translation>
    </message>
    <message>
        <source>Results</source>
        <translation>Ergebnisse</translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
</context>
<context>
    <name>ConfigSummary</name>
    <message>
        <source>no norm</source>
        <translation>keine Normalisierung</translation>
    </message>
    <message>
        <source>batch norm</source>
        <translation>Batch-Normalisierung</translation>
    </message>
    <message>
        <source>layer norm</source>
        <translation>Layer-Normalisierung</translation>
    </message>
    <message>
        <source>instance norm</source>
        <translation>Instanz-Normalisierung</translation>
    </message>
    <message>
        <source>group norm (%1 groups)</source>
        <translation>Gruppen-Normalisierung (%1 Gruppen)</translation>
    </message>
    <message>
        <source>local response norm (size %1)</source>
        <translation>lokale Antwortnormalisierung (Größe %1)</translation>
    </message>
    <message>
        <source>raw pixels (0 to 255)</source>
        <translation>rohe Pixel (0 bis 255)</translation>
    </message>
    <message>
        <source>pixels scaled to 0 to 1 (min-max)</source>
        <translation>Pixel auf 0 bis 1 skaliert (Min-Max)</translation>
    </message>
    <message>
        <source>pixels z-scored (mean 0, sd 1)</source>
        <translation>Pixel standardisiert (Mittelwert 0, Std.-Abw. 1)</translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation>%1 Schritte</translation>
    </message>
    <message>
        <source>batch size %1</source>
        <translation>Batchgröße %1</translation>
    </message>
    <message>
        <source>learning rate %1</source>
        <translation>Lernrate %1</translation>
    </message>
    <message>
        <source>dropout %1</source>
        <translation>Dropout %1</translation>
    </message>
    <message>
        <source>momentum %1</source>
        <translation>Momentum %1</translation>
    </message>
    <message>
        <source>its own seed %1</source>
        <translation>eigener Seed %1</translation>
    </message>
    <message>
        <source>%1 of its own</source>
        <translation>eigene(s) %1</translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation>Modell: %1</translation>
    </message>
    <message>
        <source>a model of its own</source>
        <translation>ein eigenes Modell</translation>
    </message>
    <message>
        <source>, %1 training images</source>
        <translation>, %1 Trainingsbilder</translation>
    </message>
    <message>
        <source>, %1 test images</source>
        <translation>, %1 Testbilder</translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation>Daten: %1</translation>
    </message>
    <message>
        <source>, learning rate %1</source>
        <translation>, Lernrate %1</translation>
    </message>
    <message>
        <source>, momentum %1</source>
        <translation>, Momentum %1</translation>
    </message>
    <message>
        <source>, batch size %1, %2</source>
        <translation>, Batchgröße %1, %2</translation>
    </message>
    <message>
        <source>Training: %1</source>
        <translation>Training: %1</translation>
    </message>
    <message>
        <source>Seeds: %1 (each arm trains once per seed)</source>
        <translation>Seeds: %1 (jede Variante trainiert einmal je Seed)</translation>
    </message>
    <message>
        <source>input: %1</source>
        <translation>Eingabe: %1</translation>
    </message>
    <message>
        <source>1 epoch</source>
        <translation>1 Epoche</translation>
    </message>
    <message numerus="yes">
        <source>%n epochs</source>
        <translation>
            <numerusform>%n Epoche</numerusform>
            <numerusform>%n Epochen</numerusform>
        </translation>
    </message>
    <message>
        <source>stopped before its first step</source>
        <translation>vor dem ersten Schritt gestoppt</translation>
    </message>
    <message>
        <source>stopped at step %1</source>
        <translation>gestoppt bei Schritt %1</translation>
    </message>
    <message>
        <source>branched from %1 at step %2</source>
        <translation>verzweigt von %1 bei Schritt %2</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <source>None</source>
        <translation>Keine</translation>
    </message>
    <message>
        <source>Batch norm (BN)</source>
        <translation>Batch-Normalisierung (BN)</translation>
    </message>
    <message>
        <source>Layer norm (LN)</source>
        <translation>Layer-Normalisierung (LN)</translation>
    </message>
    <message>
        <source>Instance norm (IN)</source>
        <translation>Instanz-Normalisierung (IN)</translation>
    </message>
    <message>
        <source>Group norm (GN)</source>
        <translation>Gruppen-Normalisierung (GN)</translation>
    </message>
    <message>
        <source>Local response norm (LRN)</source>
        <translation>Lokale Antwortnormalisierung (LRN)</translation>
    </message>
    <message>
        <source>The baseline: no normalization layer, so you see what the others change.</source>
        <translation>Die Basislinie: keine Normalisierungsschicht, damit man sieht, was die anderen verändern.</translation>
    </message>
    <message>
        <source>Batch norm: normalizes each channel over the whole mini-batch, so it depends on the batch size and uses running averages at test time.</source>
        <translation>Batch-Normalisierung: normalisiert jeden Kanal über den ganzen Mini-Batch, hängt daher von der Batchgröße ab und verwendet beim Testen laufende Mittelwerte.</translation>
    </message>
    <message>
        <source>Layer norm: normalizes all features of one image together; independent of the batch.</source>
        <translation>Layer-Normalisierung: normalisiert alle Merkmale eines Bildes gemeinsam; unabhängig vom Batch.</translation>
    </message>
    <message>
        <source>Instance norm: normalizes each channel of each image on its own (only on convolution maps).</source>
        <translation>Instanz-Normalisierung: normalisiert jeden Kanal jedes Bildes für sich (nur auf Faltungskarten).</translation>
    </message>
    <message>
        <source>Group norm: normalizes groups of channels within one image; between layer norm (1 group) and instance norm (one group per channel).</source>
        <translation>Gruppen-Normalisierung: normalisiert Gruppen von Kanälen innerhalb eines Bildes; zwischen Layer-Normalisierung (1 Gruppe) und Instanz-Normalisierung (eine Gruppe je Kanal).</translation>
    </message>
    <message>
        <source>Local response norm (AlexNet): divides each channel by the activity of its neighbouring channels.</source>
        <translation>Lokale Antwortnormalisierung (AlexNet): teilt jeden Kanal durch die Aktivität seiner Nachbarkanäle.</translation>
    </message>
    <message>
        <source>Fixed while this experiment is loaded: press Reset (R) to change it.</source>
        <translation>Fest, solange dieses Experiment geladen ist: Zum Ändern Zurücksetzen (R) drücken.</translation>
    </message>
    <message>
        <source>While it trains: tick a norm type to add it as an arm (untick hides it); a new batch size, dropout rate or optimizer offers a new arm or a branch; the learning rate applies at once and is marked on the charts. Reset (R) changes the rest.</source>
        <translation>Während des Trainings: Eine angekreuzte Normalisierung kommt als Variante hinzu (Abwählen blendet sie aus); eine neue Batchgröße, Dropout-Rate oder ein neuer Optimierer bietet eine neue Variante oder einen Zweig an; die Lernrate gilt sofort und wird in den Diagrammen markiert. Zurücksetzen (R) ändert den Rest.</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>Daten</translation>
    </message>
    <message>
        <source>Synthetic shapes</source>
        <translation>Synthetische Formen</translation>
    </message>
    <message>
        <source>IDX folder (MNIST format)</source>
        <translation>IDX-Ordner (MNIST-Format)</translation>
    </message>
    <message>
        <source>CIFAR-10 folder</source>
        <translation>CIFAR-10-Ordner</translation>
    </message>
    <message>
        <source>The images to learn from: Fashion-MNIST clothing photos, built-in synthetic shapes that need no files, or your own MNIST-format or CIFAR-10 folder.</source>
        <translation>Die Bilder, aus denen gelernt wird: Kleidungsfotos aus Fashion-MNIST, eingebaute synthetische Formen, die keine Dateien brauchen, oder ein eigener Ordner im MNIST- oder CIFAR-10-Format.</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>Datensatz</translation>
    </message>
    <message>
        <source>folder with the data files</source>
        <translation>Ordner mit den Datendateien</translation>
    </message>
    <message>
        <source>The folder holding the IDX files (train-images-idx3-ubyte, ...) or CIFAR-10 binary batches.</source>
        <translation>Der Ordner mit den IDX-Dateien (train-images-idx3-ubyte, ...) oder den binären CIFAR-10-Batches.</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>Durchsuchen…</translation>
    </message>
    <message>
        <source>Pick the data folder in a file dialog.</source>
        <translation>Den Datenordner in einem Dateidialog wählen.</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>How many training images to use (0 = all): fewer images make an epoch shorter, so curves appear sooner.</source>
        <translation>Wie viele Trainingsbilder verwendet werden (0 = alle): Weniger Bilder machen eine Epoche kürzer, die Kurven erscheinen also früher.</translation>
    </message>
    <message>
        <source>all</source>
        <translation>alle</translation>
    </message>
    <message>
        <source>Train images</source>
        <translation>Trainingsbilder</translation>
    </message>
    <message>
        <source>How many test images to score accuracy on (0 = all): these are never trained on, so they show how well the network generalizes.</source>
        <translation>An wie vielen Testbildern die Genauigkeit gemessen wird (0 = alle): Mit ihnen wird nie trainiert, sie zeigen also, wie gut das Netz verallgemeinert.</translation>
    </message>
    <message>
        <source>Test images</source>
        <translation>Testbilder</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>Vergleich</translation>
    </message>
    <message>
        <source>The network to train; every arm uses it with its own normalization in the marked places.</source>
        <translation>Das zu trainierende Netz; jede Variante verwendet es mit ihrer eigenen Normalisierung an den markierten Stellen.</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Normalization types</source>
        <translation>Normalisierungsarten</translation>
    </message>
    <message>
        <source>Batch sizes</source>
        <translation>Batchgrößen</translation>
    </message>
    <message>
        <source>Dropout rates</source>
        <translation>Dropout-Raten</translation>
    </message>
    <message>
        <source>What differs between the side-by-side runs: the normalization type, or one setting (batch size or dropout rate) for a single normalization type.</source>
        <translation>Was sich zwischen den nebeneinander laufenden Läufen unterscheidet: die Normalisierungsart oder eine Einstellung (Batchgröße oder Dropout-Rate) bei einer einzigen Normalisierungsart.</translation>
    </message>
    <message>
        <source>Vary</source>
        <translation>Variieren</translation>
    </message>
    <message>
        <source>The one normalization type every run uses while the chosen setting varies (batch norm shows the batch-size effect best).</source>
        <translation>Die eine Normalisierungsart, die jeder Lauf verwendet, während die gewählte Einstellung variiert (Batch-Normalisierung zeigt den Effekt der Batchgröße am besten).</translation>
    </message>
    <message>
        <source>Norm</source>
        <translation>Normalisierung</translation>
    </message>
    <message>
        <source>The values to compare, separated by commas: one run per value.</source>
        <translation>Die zu vergleichenden Werte, durch Kommas getrennt (Dezimalpunkt: 0.5): ein Lauf je Wert.</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Werte</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Trainingseinstellungen</translation>
    </message>
    <message>
        <source>Images per training step: batch norm averages over these, so with tiny batches its statistics get noisy and it breaks down.</source>
        <translation>Bilder je Trainingsschritt: Die Batch-Normalisierung mittelt über sie, bei winzigen Batches werden ihre Statistiken also verrauscht und sie versagt.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Fraction of hidden units switched off at random in each training step (to prevent memorizing); at test time every unit is on.</source>
        <translation>Anteil der verborgenen Einheiten, die in jedem Trainingsschritt zufällig abgeschaltet werden (gegen Auswendiglernen); beim Testen sind alle Einheiten aktiv.</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout-Rate</translation>
    </message>
    <message>
        <source>How big each weight update is: too small learns slowly, too large diverges; normalization makes larger rates safe. Changes apply at once, even while training.</source>
        <translation>Wie groß jede Gewichtsänderung ist: zu klein lernt langsam, zu groß divergiert; Normalisierung macht größere Raten sicher. Änderungen gelten sofort, auch während des Trainings.</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>How gradients become weight updates: SGD steps along the gradient (with momentum), Adam scales each weight&apos;s step by its recent gradient size.</source>
        <translation>Wie aus Gradienten Gewichtsänderungen werden: SGD geht entlang des Gradienten (mit Momentum), Adam skaliert den Schritt jedes Gewichts mit dessen jüngster Gradientengröße.</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>SGD momentum: how much of the previous update carries over, smoothing and speeding up descent.</source>
        <translation>SGD-Momentum: wie viel der vorigen Änderung übernommen wird; das glättet und beschleunigt den Abstieg.</translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation>SGD-Momentum</translation>
    </message>
    <message>
        <source>model default</source>
        <translation>Vorgabe des Modells</translation>
    </message>
    <message>
        <source>The nonlinearity after each norm: sigmoid and tanh saturate (tiny gradients) unless their inputs are normalized.</source>
        <translation>Die Nichtlinearität nach jeder Normalisierung: Sigmoid und Tanh sättigen (winzige Gradienten), wenn ihre Eingaben nicht normalisiert sind.</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>Aktivierung</translation>
    </message>
    <message>
        <source>Starts the random numbers (initial weights, data order, dropout); the same seed gives the same run.</source>
        <translation>Startwert der Zufallszahlen (Anfangsgewichte, Reihenfolge der Daten, Dropout); derselbe Seed ergibt denselben Lauf.</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>Zufalls-Seed</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>Schritte</translation>
    </message>
    <message>
        <source>Train for a number of epochs (passes over the training images) or of steps (mini-batches).</source>
        <translation>Eine Anzahl Epochen (Durchgänge durch die Trainingsbilder) oder Schritte (Mini-Batches) lang trainieren.</translation>
    </message>
    <message>
        <source>Passes over all training images.</source>
        <translation>Durchgänge durch alle Trainingsbilder.</translation>
    </message>
    <message>
        <source>Mini-batches to train on (one step = one weight update).</source>
        <translation>Mini-Batches, mit denen trainiert wird (ein Schritt = eine Gewichtsänderung).</translation>
    </message>
    <message>
        <source>Train for</source>
        <translation>Trainieren für</translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation>Erweitert</translation>
    </message>
    <message>
        <source>Show or hide the norm parameters and how often the runs are measured.</source>
        <translation>Die Parameter der Normalisierung und die Messabstände der Läufe zeigen oder verbergen.</translation>
    </message>
    <message>
        <source>Group norm: how many channel groups; must divide every normalized layer&apos;s channels.</source>
        <translation>Gruppen-Normalisierung: wie viele Kanalgruppen; muss die Kanalzahl jeder normalisierten Schicht teilen.</translation>
    </message>
    <message>
        <source>GN groups</source>
        <translation>GN-Gruppen</translation>
    </message>
    <message>
        <source>Added to the variance before the square root, so a channel with no spread does not divide by zero.</source>
        <translation>Wird vor der Wurzel zur Varianz addiert, damit ein Kanal ohne Streuung nicht durch null teilt.</translation>
    </message>
    <message>
        <source>Norm eps</source>
        <translation>Norm-Epsilon</translation>
    </message>
    <message>
        <source>Batch norm: how fast the running mean and variance used at test time follow the batches.</source>
        <translation>Batch-Normalisierung: wie schnell der beim Testen verwendete laufende Mittelwert und die laufende Varianz den Batches folgen.</translation>
    </message>
    <message>
        <source>BN momentum</source>
        <translation>BN-Momentum</translation>
    </message>
    <message>
        <source>LRN: how many neighbouring channels (including itself) each channel is divided by.</source>
        <translation>LRN: durch wie viele Nachbarkanäle (einschließlich sich selbst) jeder Kanal geteilt wird.</translation>
    </message>
    <message>
        <source>LRN size</source>
        <translation>LRN-Größe</translation>
    </message>
    <message>
        <source>LRN: weight of the neighbours&apos; squared activity in the divisor.</source>
        <translation>LRN: Gewicht der quadrierten Aktivität der Nachbarn im Divisor.</translation>
    </message>
    <message>
        <source>LRN alpha</source>
        <translation>LRN-Alpha</translation>
    </message>
    <message>
        <source>LRN: exponent of the divisor; larger means stronger damping.</source>
        <translation>LRN: Exponent des Divisors; größer heißt stärkere Dämpfung.</translation>
    </message>
    <message>
        <source>LRN beta</source>
        <translation>LRN-Beta</translation>
    </message>
    <message>
        <source>LRN: constant added to the divisor, so quiet channels are left almost unchanged.</source>
        <translation>LRN: Konstante im Divisor, damit ruhige Kanäle fast unverändert bleiben.</translation>
    </message>
    <message>
        <source>LRN k</source>
        <translation>LRN-k</translation>
    </message>
    <message>
        <source>Steps between test-set evaluations: smaller gives more test points but slows training.</source>
        <translation>Schritte zwischen zwei Auswertungen auf den Testdaten: kleiner gibt mehr Testpunkte, bremst aber das Training.</translation>
    </message>
    <message>
        <source>Test every</source>
        <translation>Testen alle</translation>
    </message>
    <message>
        <source>Steps between measurements of every layer&apos;s activations and gradients for the charts.</source>
        <translation>Schritte zwischen zwei Messungen der Aktivierungen und Gradienten jeder Schicht für die Diagramme.</translation>
    </message>
    <message>
        <source>Probe every</source>
        <translation>Messen alle</translation>
    </message>
    <message>
        <source>The settings of this panel cannot set up these runs (several seeds, arms that differ in more than one setting, or in one the panel has no field for), so here is what they are. Start and Run again repeat them as they are.</source>
        <translation>Mit den Einstellungen dieser Leiste lassen sich diese Läufe nicht einrichten (mehrere Seeds, Varianten, die sich in mehr als einer Einstellung unterscheiden, oder in einer, für die die Leiste kein Feld hat); deshalb steht hier, was sie sind. Start und Erneut ausführen wiederholen sie unverändert.</translation>
    </message>
    <message>
        <source>Set up your own comparison</source>
        <translation>Eigenen Vergleich einrichten</translation>
    </message>
    <message>
        <source>Shows the settings again: Start then trains what they say instead.</source>
        <translation>Zeigt die Einstellungen wieder: Start trainiert dann stattdessen, was dort steht.</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Datenordner</translation>
    </message>
    <message>
        <source>Off: the model %1 has no dropout layer. Pick small-cnn to use dropout.</source>
        <translation>Aus: Das Modell %1 hat keine Dropout-Schicht. Für Dropout small-cnn wählen.</translation>
    </message>
    <message>
        <source>Set per run: each run takes its rate from the Dropout rates list under Compare.</source>
        <translation>Je Lauf festgelegt: Jeder Lauf nimmt seine Rate aus der Liste der Dropout-Raten unter Vergleich.</translation>
    </message>
    <message>
        <source>Set per run: each run takes its batch size from the Batch sizes list under Compare.</source>
        <translation>Je Lauf festgelegt: Jeder Lauf nimmt seine Batchgröße aus der Liste der Batchgrößen unter Vergleich.</translation>
    </message>
    <message>
        <source>Off: the model %1 has fixed activations. Pick a model with a replaceable activation (small-cnn, mlp-deep) to choose one.</source>
        <translation>Aus: Das Modell %1 hat feste Aktivierungen. Zum Wählen ein Modell mit austauschbarer Aktivierung nehmen (small-cnn, mlp-deep).</translation>
    </message>
    <message>
        <source>Off: only SGD uses momentum (Adam keeps its own running averages). Pick SGD to set it.</source>
        <translation>Aus: Nur SGD verwendet Momentum (Adam führt eigene laufende Mittelwerte). Zum Einstellen SGD wählen.</translation>
    </message>
    <message>
        <source> (no dropout layer)</source>
        <translation> (keine Dropout-Schicht)</translation>
    </message>
    <message>
        <source>1 arm:
%1</source>
        <translation>1 Variante:
%1</translation>
    </message>
    <message numerus="yes">
        <source>%n arms:
%1</source>
        <translation>
            <numerusform>%n Variante:
%1</numerusform>
            <numerusform>%n Varianten:
%1</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>CoreTexts</name>
    <message>
        <source>T-shirt/top</source>
        <translation>T-Shirt/Top</translation>
    </message>
    <message>
        <source>Trouser</source>
        <translation>Hose</translation>
    </message>
    <message>
        <source>Pullover</source>
        <translation>Pullover</translation>
    </message>
    <message>
        <source>Dress</source>
        <translation>Kleid</translation>
    </message>
    <message>
        <source>Coat</source>
        <translation>Mantel</translation>
    </message>
    <message>
        <source>Sandal</source>
        <translation>Sandale</translation>
    </message>
    <message>
        <source>Shirt</source>
        <translation>Hemd</translation>
    </message>
    <message>
        <source>Sneaker</source>
        <translation>Sneaker</translation>
    </message>
    <message>
        <source>Bag</source>
        <translation>Tasche</translation>
    </message>
    <message>
        <source>Ankle boot</source>
        <translation>Stiefelette</translation>
    </message>
    <message>
        <source>airplane</source>
        <translation>Flugzeug</translation>
    </message>
    <message>
        <source>automobile</source>
        <translation>Auto</translation>
    </message>
    <message>
        <source>bird</source>
        <translation>Vogel</translation>
    </message>
    <message>
        <source>cat</source>
        <translation>Katze</translation>
    </message>
    <message>
        <source>deer</source>
        <translation>Hirsch</translation>
    </message>
    <message>
        <source>dog</source>
        <translation>Hund</translation>
    </message>
    <message>
        <source>frog</source>
        <translation>Frosch</translation>
    </message>
    <message>
        <source>horse</source>
        <translation>Pferd</translation>
    </message>
    <message>
        <source>ship</source>
        <translation>Schiff</translation>
    </message>
    <message>
        <source>truck</source>
        <translation>Lastwagen</translation>
    </message>
    <message>
        <source>The reference network of BENCHNET.md: two 3x3 convolutions (16, 32 channels) with a norm after each, max pooling, a 128-unit dense layer, dropout 0.25.</source>
        <translation>Das Referenznetz aus BENCHNET.md: zwei 3x3-Faltungen (16, 32 Kanäle) mit je einer Normalisierung danach, Max-Pooling, eine voll verbundene Schicht mit 128 Einheiten, Dropout 0,25.</translation>
    </message>
    <message>
        <source>A deep multilayer perceptron (eight hidden dense layers of 100 units, each followed by a norm and a sigmoid) where normalization decides whether training starts at all.</source>
        <translation>Ein tiefes mehrschichtiges Perzeptron (acht verborgene voll verbundene Schichten mit 100 Einheiten, jede gefolgt von einer Normalisierung und einer Sigmoid-Funktion), bei dem die Normalisierung entscheidet, ob das Training überhaupt in Gang kommt.</translation>
    </message>
    <message>
        <source>bench-net with a third norm after the hidden dense layer, so normalization effects show plainly; the default for comparisons.</source>
        <translation>bench-net mit einer dritten Normalisierung nach der verborgenen voll verbundenen Schicht, damit die Effekte der Normalisierung deutlich werden; die Vorgabe für Vergleiche.</translation>
    </message>
    <message>
        <source>A very small, very fast network for tests and quick demos: one stride-2 convolution with 4 channels, a norm, pooling and a dense layer.</source>
        <translation>Ein sehr kleines, sehr schnelles Netz für Tests und kurze Vorführungen: eine Faltung mit Schrittweite 2 und 4 Kanälen, eine Normalisierung, Pooling und eine voll verbundene Schicht.</translation>
    </message>
    <message>
        <source>A deeper VGG-style network (five 3x3 convolutions, each followed by a norm and an activation) for watching gradients flow across depth.</source>
        <translation>Ein tieferes Netz im Stil von VGG (fünf 3x3-Faltungen, jede gefolgt von einer Normalisierung und einer Aktivierung), um den Fluss der Gradienten durch die Tiefe zu beobachten.</translation>
    </message>
</context>
<context>
    <name>DropoutExplainer</name>
    <message>
        <source>Dropout, step by step: 4 examples, 6 hidden units. Edit any white cell.</source>
        <translation>Dropout Schritt für Schritt: 4 Beispiele, 6 verborgene Einheiten. Jede weiße Zelle ist änderbar.</translation>
    </message>
    <message>
        <source>example %1</source>
        <translation>Beispiel %1</translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation>Einheit %1</translation>
    </message>
    <message>
        <source>drop probability p:</source>
        <translation>Abschaltwahrscheinlichkeit p:</translation>
    </message>
    <message>
        <source>Re-roll mask</source>
        <translation>Neue Maske würfeln</translation>
    </message>
    <message>
        <source>Activations x of a hidden layer</source>
        <translation>Aktivierungen x einer verborgenen Schicht</translation>
    </message>
    <message>
        <source>The outputs of 6 hidden units for each example in the batch.</source>
        <translation>Die Ausgaben von 6 verborgenen Einheiten für jedes Beispiel im Batch.</translation>
    </message>
    <message>
        <source>A random mask</source>
        <translation>Eine zufällige Maske</translation>
    </message>
    <message>
        <source>In training each unit is kept (1) with probability 1 − p or dropped (0) with probability p, independently for every example. A new mask is drawn every step.</source>
        <translation>Im Training bleibt jede Einheit mit Wahrscheinlichkeit 1 − p erhalten (1) oder wird mit Wahrscheinlichkeit p abgeschaltet (0), für jedes Beispiel unabhängig. In jedem Schritt wird eine neue Maske gezogen.</translation>
    </message>
    <message>
        <source>Forward pass with dropout: y = x × mask / (1 − p)</source>
        <translation>Vorwärtsdurchlauf mit Dropout: y = x × Maske / (1 − p)</translation>
    </message>
    <message>
        <source>Dropped units output 0 (grey). Kept units are scaled up by 1/(1 − p) so that the next layer receives, on average, the same total signal.</source>
        <translation>Abgeschaltete Einheiten geben 0 aus (grau). Erhaltene Einheiten werden mit 1/(1 − p) hochskaliert, damit die nächste Schicht im Mittel dasselbe Gesamtsignal erhält.</translation>
    </message>
    <message>
        <source>Why scale? The average of y over %1 masks</source>
        <translation>Warum skalieren? Der Mittelwert von y über %1 Masken</translation>
    </message>
    <message>
        <source>Averaged over many random masks, the scaled output comes back to x: dropout changes the noise, not the expected value.</source>
        <translation>Über viele zufällige Masken gemittelt ergibt die skalierte Ausgabe wieder x: Dropout ändert das Rauschen, nicht den Erwartungswert.</translation>
    </message>
    <message>
        <source>Inference: y = x</source>
        <translation>Inferenz: y = x</translation>
    </message>
    <message>
        <source>At test time nothing is dropped and nothing is scaled: the layer passes x through unchanged. Thanks to step 3 the next layer sees values of the size it was trained on.</source>
        <translation>Beim Testen wird nichts abgeschaltet und nichts skaliert: Die Schicht gibt x unverändert weiter. Dank Schritt 3 sieht die nächste Schicht Werte in der Größe, mit der sie trainiert wurde.</translation>
    </message>
    <message>
        <source>mask seed: %1</source>
        <translation>Seed der Maske: %1</translation>
    </message>
    <message>
        <source>A red cell is not a number: fix it to update the steps (the numbers shown are from the last valid input).</source>
        <translation>Eine rote Zelle ist keine Zahl: Korrigieren Sie sie, damit die Schritte neu berechnet werden (die angezeigten Zahlen stammen von der letzten gültigen Eingabe).</translation>
    </message>
    <message>
        <source>kept %1 of %2 units (%3%); expected %4%</source>
        <translation>%1 von %2 Einheiten erhalten (%3 %); erwartet %4 %</translation>
    </message>
    <message>
        <source>scale 1/(1 − %1) = %2</source>
        <translation>Faktor 1/(1 − %1) = %2</translation>
    </message>
</context>
<context>
    <name>ExperimentBuilder</name>
    <message>
        <source>&quot;%1&quot; is not a number</source>
        <translation>„%1“ ist keine Zahl</translation>
    </message>
    <message>
        <source>%1 is not a batch size (a whole number from 1 to 4096)</source>
        <translation>%1 ist keine Batchgröße (eine ganze Zahl von 1 bis 4096)</translation>
    </message>
    <message>
        <source>%1 is not a dropout rate (from 0 up to, not including, 1)</source>
        <translation>%1 ist keine Dropout-Rate (von 0 bis ausschließlich 1)</translation>
    </message>
    <message>
        <source>batch sizes: %1</source>
        <translation>Batchgrößen: %1</translation>
    </message>
    <message>
        <source>dropout rates: %1</source>
        <translation>Dropout-Raten: %1</translation>
    </message>
    <message>
        <source>no arms: tick at least one normalization type to compare</source>
        <translation>keine Varianten: mindestens eine Normalisierungsart zum Vergleichen ankreuzen</translation>
    </message>
    <message>
        <source>no arms: give at least one batch size to compare</source>
        <translation>keine Varianten: mindestens eine Batchgröße zum Vergleichen angeben</translation>
    </message>
    <message>
        <source>cannot vary dropout: %1 has no dropout layer (pick small-cnn)</source>
        <translation>Dropout kann nicht variiert werden: %1 hat keine Dropout-Schicht (small-cnn wählen)</translation>
    </message>
    <message>
        <source>no arms: give at least one dropout rate to compare</source>
        <translation>keine Varianten: mindestens eine Dropout-Rate zum Vergleichen angeben</translation>
    </message>
</context>
<context>
    <name>ExplainerPanel</name>
    <message>
        <source>&quot;%1&quot; is not a number; type a number such as 1.5 or -2</source>
        <translation>„%1“ ist keine Zahl; eine Zahl wie 1.5 oder -2 eingeben</translation>
    </message>
</context>
<context>
    <name>Explainers</name>
    <message>
        <source>Batch norm step by step</source>
        <translation>Batch-Normalisierung Schritt für Schritt</translation>
    </message>
    <message>
        <source>Dropout step by step</source>
        <translation>Dropout Schritt für Schritt</translation>
    </message>
    <message>
        <source>Normalization axes</source>
        <translation>Normalisierungsachsen</translation>
    </message>
</context>
<context>
    <name>GradientView</name>
    <message>
        <source>%1 (growing)</source>
        <translation>%1 (wachsend)</translation>
    </message>
    <message>
        <source>Vanishing gradients (mean |grad| &lt; 1e-6) – %1</source>
        <translation>Verschwindende Gradienten (mittlerer |grad| &lt; 1e-6) – %1</translation>
    </message>
    <message>
        <source>Exploding gradients (mean |grad| &gt; 1e3 or growing) – %1</source>
        <translation>Explodierende Gradienten (mittlerer |grad| &gt; 1e3 oder wachsend) – %1</translation>
    </message>
    <message>
        <source>Layer over time:</source>
        <translation>Schicht im Verlauf:</translation>
    </message>
    <message>
        <source>Every layer</source>
        <translation>Jede Schicht</translation>
    </message>
    <message>
        <source>Off: the layers with parameters and the norm outputs, where normalization acts.
On: every probed layer, activations, pooling, flatten and dropout included.</source>
        <translation>Aus: die Schichten mit Parametern und die Ausgänge der Normalisierungen, wo Normalisierung wirkt.
An: jede gemessene Schicht, einschließlich Aktivierung, Pooling, Flatten und Dropout.</translation>
    </message>
    <message>
        <source>line with dots: mean |grad| · dots alone / thin line: max |grad|</source>
        <translation>Linie mit Punkten: Mittel |grad| · Punkte/dünn: Max. |grad|</translation>
    </message>
    <message>
        <source>Gradient flow (latest probe)</source>
        <translation>Gradientenfluss (letzte Messung)</translation>
    </message>
    <message>
        <source>layer (input → output)</source>
        <translation>Schicht (Eingabe → Ausgabe)</translation>
    </message>
    <message>
        <source>|grad| (log scale)</source>
        <translation>|grad| (logarithmisch)</translation>
    </message>
    <message>
        <source>Gradient over time</source>
        <translation>Gradient über die Zeit</translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation>gesehene Bilder</translation>
    </message>
    <message>
        <source>mean of the seeds · band: lowest to highest seed</source>
        <translation>Mittel der Seeds · Band: niedrigster bis höchster Seed</translation>
    </message>
    <message>
        <source>No vanishing (mean |grad| &lt; 1e-6) or exploding (&gt; 1e3) gradients at the latest probe.</source>
        <translation>Keine verschwindenden (mittlerer |grad| &lt; 1e-6) oder explodierenden (&gt; 1e3) Gradienten bei der letzten Messung.</translation>
    </message>
    <message>
        <source>%1: gradient over time</source>
        <translation>%1: Gradient über die Zeit</translation>
    </message>
</context>
<context>
    <name>HelpGuide</name>
    <message>
        <source>The training loss of every arm (solid line, smoothed by the slider) and its test loss (thin line with dots, measured every few hundred images) against the images seen; the second chart shows accuracy the same way. Lower loss and higher accuracy are better. A curve that ends early belongs to an arm whose loss became infinite: it &lt;i&gt;diverged&lt;/i&gt;, usually because the learning rate was too large for it. With several seeds an arm is drawn as its mean with a band from its lowest to its highest seed.</source>
        <translation>Der Trainingsverlust jeder Variante (durchgezogene Linie, mit dem Schieberegler geglättet) und ihr Testverlust (dünne Linie mit Punkten, alle paar hundert Bilder gemessen) über den gesehenen Bildern; das zweite Diagramm zeigt die Genauigkeit auf dieselbe Weise. Niedrigerer Verlust und höhere Genauigkeit sind besser. Eine Kurve, die früh endet, gehört zu einer Variante, deren Verlust unendlich wurde: Sie ist &lt;i&gt;divergiert&lt;/i&gt;, meist weil die Lernrate für sie zu groß war. Bei mehreren Seeds wird eine Variante als Mittelwert mit einem Band vom niedrigsten bis zum höchsten Seed gezeichnet.</translation>
    </message>
    <message>
        <source>What comes out of a layer, for every arm: over time, the median (line) and the 15th to 85th percentile (band), as in the batch-norm paper&apos;s first figure; and the latest histogram. A band that drifts or keeps widening means the next layer&apos;s inputs keep changing scale; a spike at 0 after a ReLU means dead units. Choose one layer, or all layers side by side, above the charts.</source>
        <translation>Was aus einer Schicht herauskommt, für jede Variante: über die Zeit der Median (Linie) und das 15. bis 85. Perzentil (Band), wie in der ersten Abbildung des Batch-Norm-Artikels; dazu das aktuelle Histogramm. Ein Band, das wandert oder immer breiter wird, heißt, dass sich die Größenordnung der Eingaben der nächsten Schicht ständig ändert; eine Spitze bei 0 nach einer ReLU bedeutet tote Einheiten. Über den Diagrammen eine Schicht wählen oder alle Schichten nebeneinander.</translation>
    </message>
    <message>
        <source>How strongly each layer is told to change: the mean size of the gradient |dL/d output| at every layer, from the input (left) to the output (right), at the latest probe. The axis is logarithmic: each grid line is ten times the one below. A line that falls steeply towards the left shows &lt;i&gt;vanishing gradients&lt;/i&gt;: the early layers barely learn. Layers below 10&lt;sup&gt;-6&lt;/sup&gt; or above 10&lt;sup&gt;3&lt;/sup&gt; are named under the chart; the lower chart follows one layer over time.</source>
        <translation>Wie stark jede Schicht zur Änderung angehalten wird: die mittlere Größe des Gradienten |dL/d Ausgabe| an jeder Schicht, von der Eingabe (links) bis zur Ausgabe (rechts), bei der letzten Messung. Die Achse ist logarithmisch: Jede Gitterlinie ist das Zehnfache der darunterliegenden. Eine Linie, die nach links steil abfällt, zeigt &lt;i&gt;verschwindende Gradienten&lt;/i&gt;: Die frühen Schichten lernen kaum. Schichten unter 10&lt;sup&gt;-6&lt;/sup&gt; oder über 10&lt;sup&gt;3&lt;/sup&gt; werden unter dem Diagramm genannt; das untere Diagramm verfolgt eine Schicht über die Zeit.</translation>
    </message>
    <message>
        <source>For a batch-norm layer: the mean and variance of the current batch (solid) against the running averages that are used at test time (thin, lighter), and the accuracy on one fixed held-out batch in train mode (batch statistics, solid) and in eval mode (running statistics, thin). A gap between the two shows the network behaving differently at test time; Run &amp;gt; Recompute Population Statistics re-estimates the running averages.</source>
        <translation>Für eine Batch-Norm-Schicht: Mittelwert und Varianz des aktuellen Batches (durchgezogen) gegenüber den laufenden Mittelwerten, die beim Testen verwendet werden (dünn, heller), und die Genauigkeit auf einem festen zurückgehaltenen Batch im Trainingsmodus (Batch-Statistiken, durchgezogen) und im Auswertungsmodus (laufende Statistiken, dünn). Eine Lücke zwischen beiden zeigt, dass sich das Netz beim Testen anders verhält; Training &amp;gt; Populationsstatistiken neu berechnen schätzt die laufenden Mittelwerte neu.</translation>
    </message>
    <message>
        <source>A table with one row per layer and arm, from the latest probe: the mean and spread of the layer&apos;s outputs, the share of zeros (dead ReLUs) and of saturated units, the size of the weight gradient and the update-to-weight ratio (around 10&lt;sup&gt;-3&lt;/sup&gt; is a healthy pace of learning).</source>
        <translation>Eine Tabelle mit einer Zeile je Schicht und Variante aus der letzten Messung: Mittelwert und Streuung der Ausgaben der Schicht, der Anteil der Nullen (tote ReLUs) und der gesättigten Einheiten, die Größe des Gewichtsgradienten und das Verhältnis von Änderung zu Gewicht (um 10&lt;sup&gt;-3&lt;/sup&gt; ist ein gesundes Lerntempo).</translation>
    </message>
    <message>
        <source>The network layer by layer, with output shapes and parameter counts, and one column per arm showing which norm sits at each norm position, or why none can (instance norm has no meaning after a dense layer).</source>
        <translation>Das Netz Schicht für Schicht, mit Ausgabeformen und Parameterzahlen, und eine Spalte je Variante, die zeigt, welche Normalisierung an jeder Normalisierungsstelle sitzt oder warum dort keine sitzen kann (Instanz-Normalisierung ergibt nach einer voll verbundenen Schicht keinen Sinn).</translation>
    </message>
    <message>
        <source>The final test error against the setting the arms vary (batch size or dropout rate), one line per normalization; each point is the mean over the seeds with a band from the best to the worst seed. A flat line means that norm does not care about the setting; a line that shoots up at one end shows where it breaks.</source>
        <translation>Der Testfehler am Ende gegen die Einstellung, in der sich die Varianten unterscheiden (Batchgröße oder Dropout-Rate), eine Linie je Normalisierung; jeder Punkt ist das Mittel über die Seeds mit einem Band vom besten bis zum schlechtesten Seed. Eine flache Linie heißt, dass diese Normalisierung die Einstellung nicht kümmert; eine Linie, die an einem Ende hochschießt, zeigt, wo sie versagt.</translation>
    </message>
    <message>
        <source>The final numbers of every arm in one table: test accuracy and loss (mean and spread over the seeds), whether and at which step it diverged, and its training speed. Click a column header to sort; select cells and copy them into a spreadsheet.</source>
        <translation>Die Endwerte jeder Variante in einer Tabelle: Testgenauigkeit und -verlust (Mittelwert und Streuung über die Seeds), ob und bei welchem Schritt sie divergiert ist, und ihre Trainingsgeschwindigkeit. Zum Sortieren eine Spaltenüberschrift anklicken; Zellen markieren und in eine Tabellenkalkulation kopieren.</translation>
    </message>
    <message>
        <source>The start page: ready-made comparisons that each teach one thing in about a minute, and the explainers. A lesson loads its settings, starts training and switches to the chart it is about; its text stays above the charts while it is on show.</source>
        <translation>Die Startseite: fertige Vergleiche, die jeweils eine Sache in etwa einer Minute zeigen, und die Erklärungen. Eine Lektion lädt ihre Einstellungen, startet das Training und wechselt zum Diagramm, um das es geht; ihr Text bleibt über den Diagrammen, solange sie gezeigt wird.</translation>
    </message>
    <message>
        <source> or </source>
        <translation> oder </translation>
    </message>
    <message>
        <source>NormLab guide</source>
        <translation>NormLab-Anleitung</translation>
    </message>
    <message>
        <source>&lt;h2&gt;NormLab guide&lt;/h2&gt;&lt;p&gt;NormLab trains several copies of one network side by side, the &lt;b&gt;arms&lt;/b&gt;, that differ only in the setting being compared (the normalization, the batch size, the dropout rate...). They start from the same weights and see the same images, so every difference on the charts comes from that setting. Each arm keeps its colour on every tab; hover a point to read its value, right-click a chart to export or copy it.&lt;/p&gt;&lt;h3&gt;The tabs&lt;/h3&gt;</source>
        <translation>&lt;h2&gt;NormLab-Anleitung&lt;/h2&gt;&lt;p&gt;NormLab trainiert mehrere Kopien eines Netzes nebeneinander, die &lt;b&gt;Varianten&lt;/b&gt;, die sich nur in der verglichenen Einstellung unterscheiden (der Normalisierung, der Batchgröße, der Dropout-Rate ...). Sie starten mit denselben Gewichten und sehen dieselben Bilder, daher kommt jeder Unterschied in den Diagrammen von dieser Einstellung. Jede Variante behält auf jedem Reiter ihre Farbe; mit der Maus über einem Punkt liest man seinen Wert ab, ein Rechtsklick auf ein Diagramm exportiert oder kopiert es.&lt;/p&gt;&lt;h3&gt;Die Reiter&lt;/h3&gt;</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Tastenkürzel</translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source>The language of the window; it applies when NormLab next starts.</source>
        <translation>Die Sprache des Fensters; sie gilt ab dem nächsten Start von NormLab.</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The new language (%1) applies the next time NormLab starts.</source>
        <translation>Die neue Sprache (%1) gilt ab dem nächsten Start von NormLab.</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>Systemvorgabe</translation>
    </message>
</context>
<context>
    <name>LayerTableView</name>
    <message>
        <source>Latest probe of every run. Gradient norm and update ratio (||update|| / ||weight||) are for the layer&apos;s weight (gamma for norm layers).</source>
        <translation>Letzte Messung jedes Laufs. Gradientennorm und Änderungsverhältnis (||Änderung|| / ||Gewicht||) beziehen sich auf das Gewicht der Schicht (Gamma bei Normalisierungsschichten).</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Output mean</source>
        <translation>Mittelwert der Ausgabe</translation>
    </message>
    <message>
        <source>Output std</source>
        <translation>Std.-Abw. der Ausgabe</translation>
    </message>
    <message>
        <source>% zeros</source>
        <translation>% Nullen</translation>
    </message>
    <message>
        <source>% saturated</source>
        <translation>% gesättigt</translation>
    </message>
    <message>
        <source>Weight grad norm</source>
        <translation>Norm des Gewichtsgradienten</translation>
    </message>
    <message>
        <source>Update ratio</source>
        <translation>Änderungsverhältnis</translation>
    </message>
    <message>
        <source>each arm&apos;s norm</source>
        <translation>Normalisierung der jeweiligen Variante</translation>
    </message>
</context>
<context>
    <name>LossView</name>
    <message>
        <source>Smoothing:</source>
        <translation>Glättung:</translation>
    </message>
    <message>
        <source>Exponential moving average of the train loss and accuracy (TensorBoard-style, debiased)</source>
        <translation>Exponentieller gleitender Mittelwert von Trainingsverlust und -genauigkeit (wie in TensorBoard, ohne Anfangsverzerrung)</translation>
    </message>
    <message>
        <source>x axis:</source>
        <translation>x-Achse:</translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation>gesehene Bilder</translation>
    </message>
    <message>
        <source>epochs</source>
        <translation>Epochen</translation>
    </message>
    <message>
        <source>log scale (loss)</source>
        <translation>log. Skala (Verlust)</translation>
    </message>
    <message>
        <source>Show each seed</source>
        <translation>Jeden Seed zeigen</translation>
    </message>
    <message>
        <source>With several seeds each arm is drawn as its mean with a band from the lowest to the highest seed; check to also draw every seed&apos;s own curve</source>
        <translation>Bei mehreren Seeds wird jede Variante als Mittelwert mit einem Band vom niedrigsten bis zum höchsten Seed gezeichnet; ankreuzen, um zusätzlich die eigene Kurve jedes Seeds zu zeichnen</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>Verlust</translation>
    </message>
    <message>
        <source>cross-entropy loss</source>
        <translation>Kreuzentropie-Verlust</translation>
    </message>
    <message>
        <source>cross-entropy loss (log scale)</source>
        <translation>Kreuzentropie-Verlust (logarithmisch)</translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>solid: train · thin with dots: test</source>
        <translation>Linie: Training · dünn mit Punkten: Test</translation>
    </message>
    <message>
        <source>solid: train (smoothed %1) · thin with dots: test</source>
        <translation>Linie: Training (geglättet %1) · dünn mit Punkten: Test</translation>
    </message>
    <message>
        <source>line: mean of the seeds · band: lowest to highest seed</source>
        <translation>Linie: Mittel der Seeds · Band: niedrigster bis höchster Seed</translation>
    </message>
</context>
<context>
    <name>ModelView</name>
    <message>
        <source>none</source>
        <translation>keine</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation>Ausgabeform</translation>
    </message>
    <message>
        <source>Param #</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Summe</translation>
    </message>
    <message>
        <source>per arm →</source>
        <translation>je Variante →</translation>
    </message>
    <message>
        <source>BN</source>
        <comment>batch norm, short</comment>
        <translation>BN</translation>
    </message>
    <message>
        <source>LN</source>
        <comment>layer norm, short</comment>
        <translation>LN</translation>
    </message>
    <message>
        <source>IN</source>
        <comment>instance norm, short</comment>
        <translation>IN</translation>
    </message>
    <message>
        <source>GN</source>
        <comment>group norm, short</comment>
        <translation>GN</translation>
    </message>
    <message>
        <source>LRN</source>
        <comment>local response norm, short</comment>
        <translation>LRN</translation>
    </message>
    <message>
        <source>The layers as the network runs them, with their parameter counts. Highlighted rows are the norm positions: a column per model (arms that build the same network share one) says which norm sits there with its parameters (+ running statistics); hover over a cell for why a norm is absent.</source>
        <translation>Die Schichten in der Reihenfolge, in der das Netz sie ausführt, mit ihrer Parameterzahl. Hervorgehobene Zeilen sind die Normalisierungspositionen: Eine Spalte je Modell (Varianten, die dasselbe Netz bauen, teilen sich eine) zeigt, welche Normalisierung dort sitzt, mit ihren Parametern (+ laufende Statistiken); der Tooltip einer Zelle sagt, warum eine Normalisierung fehlt.</translation>
    </message>
    <message>
        <source>trainable (+ running statistics)</source>
        <translation>trainierbar (+ laufende Statistiken)</translation>
    </message>
    <message>
        <source>norm position</source>
        <translation>Normalisierungsposition</translation>
    </message>
    <message>
        <source>after %1</source>
        <translation>nach %1</translation>
    </message>
</context>
<context>
    <name>NormAxesExplainer</name>
    <message>
        <source>T-shirt/top</source>
        <translation>T-Shirt/Top</translation>
    </message>
    <message>
        <source>trouser</source>
        <translation>Hose</translation>
    </message>
    <message>
        <source>pullover</source>
        <translation>Pullover</translation>
    </message>
    <message>
        <source>dress</source>
        <translation>Kleid</translation>
    </message>
    <message>
        <source>coat</source>
        <translation>Mantel</translation>
    </message>
    <message>
        <source>sandal</source>
        <translation>Sandale</translation>
    </message>
    <message>
        <source>shirt</source>
        <translation>Hemd</translation>
    </message>
    <message>
        <source>sneaker</source>
        <translation>Sneaker</translation>
    </message>
    <message>
        <source>bag</source>
        <translation>Tasche</translation>
    </message>
    <message>
        <source>ankle boot</source>
        <translation>Stiefelette</translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation>Kanal %1</translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation>Beispiel %1</translation>
    </message>
    <message>
        <source>value of a cell:</source>
        <translation>Wert einer Zelle:</translation>
    </message>
    <message>
        <source>Blue: negative, white: 0, orange: positive, up to the largest |value| in the block. Outlined: the values the clicked cell is normalized with; faded: the rest.</source>
        <translation>Blau: negativ, weiß: 0, orange: positiv, bis zum größten |Wert| im Block. Umrandet: die Werte, mit denen die angeklickte Zelle normalisiert wird; blass: der Rest.</translation>
    </message>
    <message>
        <source>Normalization axes: which values share a mean and standard deviation? Click any cell.</source>
        <translation>Normalisierungsachsen: Welche Werte teilen sich Mittelwert und Standardabweichung? Eine beliebige Zelle anklicken.</translation>
    </message>
    <message>
        <source>norm:</source>
        <translation>Normalisierung:</translation>
    </message>
    <message>
        <source>batch norm</source>
        <translation>Batch-Normalisierung</translation>
    </message>
    <message>
        <source>layer norm</source>
        <translation>Layer-Normalisierung</translation>
    </message>
    <message>
        <source>instance norm</source>
        <translation>Instanz-Normalisierung</translation>
    </message>
    <message>
        <source>group norm</source>
        <translation>Gruppen-Normalisierung</translation>
    </message>
    <message>
        <source>local response norm</source>
        <translation>lokale Antwortnormalisierung</translation>
    </message>
    <message>
        <source>groups G:</source>
        <translation>Gruppen G:</translation>
    </message>
    <message>
        <source>window size:</source>
        <translation>Fenstergröße:</translation>
    </message>
    <message>
        <source>sample %1
(%2)</source>
        <translation>Beispiel %1
(%2)</translation>
    </message>
    <message>
        <source>channel %1
%2</source>
        <translation>Kanal %1
%2</translation>
    </message>
    <message>
        <source>The block: %1 Fashion-MNIST test images, shrunk to %2 × %2 pixels, each passed through %3 fixed filters (the channels). Blue = negative, orange = positive.</source>
        <translation>Der Block: %1 Testbilder aus Fashion-MNIST, verkleinert auf %2 × %2 Pixel, jedes durch %3 feste Filter geschickt (die Kanäle). Blau = negativ, orange = positiv.</translation>
    </message>
    <message>
        <source>The block: %1 built-in synthetic images (Fashion-MNIST not found in %2), shrunk to %3 × %3 pixels, each through %4 fixed filters (the channels). Blue = negative, orange = positive.</source>
        <translation>Der Block: %1 eingebaute synthetische Bilder (Fashion-MNIST nicht gefunden in %2), verkleinert auf %3 × %3 Pixel, jedes durch %4 feste Filter (die Kanäle). Blau = negativ, orange = positiv.</translation>
    </message>
    <message>
        <source>Cannot show a block of %1 × %2 × %3 × %4 with %5 values (each size must be 1..64 and the values must fill the block).</source>
        <translation>Ein Block aus %1 × %2 × %3 × %4 mit %5 Werten kann nicht gezeigt werden (jede Größe muss zwischen 1 und 64 liegen, und die Werte müssen den Block füllen).</translation>
    </message>
    <message>
        <source>&lt;b&gt;Batch norm&lt;/b&gt;: channel %1 of &lt;i&gt;every&lt;/i&gt; sample: N%2H%2W = %3%2%4%2%5 = %6 values.</source>
        <translation>&lt;b&gt;Batch-Normalisierung&lt;/b&gt;: Kanal %1 &lt;i&gt;jedes&lt;/i&gt; Beispiels: N%2H%2W = %3%2%4%2%5 = %6 Werte.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer norm&lt;/b&gt;: every channel of sample %1: C%2H%2W = %3%2%4%2%5 = %6 values.</source>
        <translation>&lt;b&gt;Layer-Normalisierung&lt;/b&gt;: jeder Kanal von Beispiel %1: C%2H%2W = %3%2%4%2%5 = %6 Werte.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Instance norm&lt;/b&gt;: channel %1 of sample %2 only: H%3W = %4%3%5 = %6 values.</source>
        <translation>&lt;b&gt;Instanz-Normalisierung&lt;/b&gt;: nur Kanal %1 von Beispiel %2: H%3W = %4%3%5 = %6 Werte.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Group norm&lt;/b&gt; (G = %1): channels %2–%3 of sample %4: (C/G)%5H%5W = %6%5%7%5%8 = %9 values.</source>
        <translation>&lt;b&gt;Gruppen-Normalisierung&lt;/b&gt; (G = %1): Kanäle %2–%3 von Beispiel %4: (C/G)%5H%5W = %6%5%7%5%8 = %9 Werte.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Local response norm&lt;/b&gt; (size %1): channels %2–%3 at the same pixel of sample %4: %5 values.</source>
        <translation>&lt;b&gt;Lokale Antwortnormalisierung&lt;/b&gt; (Größe %1): Kanäle %2–%3 am selben Pixel von Beispiel %4: %5 Werte.</translation>
    </message>
    <message>
        <source>LRN subtracts no mean: it divides by (k + α/n · sum of squares)&lt;sup&gt;β&lt;/sup&gt;. Sum of squares %1; divisor %2; this value %3 → %4. With PyTorch&apos;s defaults (k = 1, α = 0.0001, β = 0.75) the divisor stays near 1 unless the values are large. (For comparison: mean %5, std %6.)</source>
        <translation>LRN zieht keinen Mittelwert ab: Sie teilt durch (k + α/n · Quadratsumme)&lt;sup&gt;β&lt;/sup&gt;. Quadratsumme %1; Divisor %2; dieser Wert %3 → %4. Mit den Vorgaben von PyTorch (k = 1, α = 0,0001, β = 0,75) bleibt der Divisor nahe 1, außer bei großen Werten. (Zum Vergleich: Mittelwert %5, Std.-Abw. %6.)</translation>
    </message>
    <message>
        <source>count %1 · mean %2 · std %3 (√(variance + ε)) · this value %4 → (%4 − mean) / std = &lt;b&gt;%5&lt;/b&gt;</source>
        <translation>Anzahl %1 · Mittelwert %2 · Std.-Abw. %3 (√(Varianz + ε)) · dieser Wert %4 → (%4 − Mittelwert) / Std.-Abw. = &lt;b&gt;%5&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Clicked: sample %1, channel %2, row %3, column %4.</source>
        <translation>Angeklickt: Beispiel %1, Kanal %2, Zeile %3, Spalte %4.</translation>
    </message>
</context>
<context>
    <name>NormNote</name>
    <message>
        <source>No %1 after %2: its %3 outputs are flat, with no spatial extent to normalize over.</source>
        <translation>Kein %1 nach %2: Dessen %3 Ausgaben sind flach, ohne räumliche Ausdehnung, über die normalisiert werden könnte.</translation>
    </message>
</context>
<context>
    <name>ProgressText</name>
    <message>
        <source>Training steps (mini-batches) done per arm, and images seen per arm: the arms train in lockstep, so every arm still training has seen the same images.</source>
        <translation>Erledigte Trainingsschritte (Mini-Batches) und gesehene Bilder je Variante: Die Varianten trainieren im Gleichschritt, also hat jede noch trainierende Variante dieselben Bilder gesehen.</translation>
    </message>
    <message>
        <source>%1: diverged at step %2, after %3 images</source>
        <translation>%1: divergiert bei Schritt %2, nach %3 Bildern</translation>
    </message>
    <message>
        <source>%1: failed at step %2, after %3 images</source>
        <translation>%1: fehlgeschlagen bei Schritt %2, nach %3 Bildern</translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation>Schritt %1 / %2</translation>
    </message>
    <message>
        <source>up to step %1</source>
        <translation>bis Schritt %1</translation>
    </message>
    <message>
        <source>every run stopped early</source>
        <translation>alle Läufe vorzeitig beendet</translation>
    </message>
    <message>
        <source>every arm stopped early</source>
        <translation>alle Varianten vorzeitig beendet</translation>
    </message>
    <message>
        <source>%1 · %2 images seen per run (epoch %3)</source>
        <translation>%1 · %2 Bilder je Lauf gesehen (Epoche %3)</translation>
    </message>
    <message>
        <source>%1 · %2 images seen per arm (epoch %3)</source>
        <translation>%1 · %2 Bilder je Variante gesehen (Epoche %3)</translation>
    </message>
    <message>
        <source>%1 · %2: up to %3 images seen (epoch %4)</source>
        <translation>%1 · %2: bis zu %3 Bilder gesehen (Epoche %4)</translation>
    </message>
    <message>
        <source>%1 · %2 images seen per running run (epoch %3); %4</source>
        <translation>%1 · %2 Bilder je laufendem Lauf gesehen (Epoche %3); %4</translation>
    </message>
    <message>
        <source>%1 · %2 images seen per running arm (epoch %3); %4</source>
        <translation>%1 · %2 Bilder je laufender Variante gesehen (Epoche %3); %4</translation>
    </message>
    <message>
        <source>Stopped early, and not counted:</source>
        <translation>Vorzeitig beendet und nicht mitgezählt:</translation>
    </message>
    <message>
        <source>1 run stopped early</source>
        <translation>1 Lauf vorzeitig beendet</translation>
    </message>
    <message numerus="yes">
        <source>%n runs stopped early</source>
        <translation>
            <numerusform>%n Lauf vorzeitig beendet</numerusform>
            <numerusform>%n Läufe vorzeitig beendet</numerusform>
        </translation>
    </message>
    <message>
        <source>1 arm stopped early</source>
        <translation>1 Variante vorzeitig beendet</translation>
    </message>
    <message numerus="yes">
        <source>%n arms stopped early</source>
        <translation>
            <numerusform>%n Variante vorzeitig beendet</numerusform>
            <numerusform>%n Varianten vorzeitig beendet</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>mean over %1 seeds ± standard deviation; lowest %2, highest %3</source>
        <translation>Mittel über %1 Seeds ± Standardabweichung; niedrigster %2, höchster %3</translation>
    </message>
    <message>
        <source>One row per arm: its final values (while training, the latest test evaluation), mean ± standard deviation over the seeds that did not diverge. Click a column title to sort; Ctrl+C copies the rows.</source>
        <translation>Eine Zeile je Variante: ihre Endwerte (während des Trainings die letzte Testauswertung), Mittelwert ± Standardabweichung über die nicht divergierten Seeds. Zum Sortieren einen Spaltentitel anklicken; Strg+C kopiert die Zeilen.</translation>
    </message>
    <message>
        <source>Arm</source>
        <translation>Variante</translation>
    </message>
    <message>
        <source>Norm</source>
        <translation>Normalisierung</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>Seeds</translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation>Testgenauigkeit</translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation>Testverlust</translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation>Divergiert</translation>
    </message>
    <message>
        <source>Images/s</source>
        <translation>Bilder/s</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Kopieren</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
</context>
<context>
    <name>SpeedSummary</name>
    <message>
        <source>images/s: %1</source>
        <translation>Bilder/s: %1</translation>
    </message>
    <message>
        <source>images/s: %1 in all · %2–%3 per run (%4 runs)</source>
        <translation>Bilder/s: %1 insgesamt · %2–%3 je Lauf (%4 Läufe)</translation>
    </message>
    <message>
        <source>Training speed in images per second (all runs together: %1).</source>
        <translation>Trainingsgeschwindigkeit in Bildern pro Sekunde (alle Läufe zusammen: %1).</translation>
    </message>
</context>
<context>
    <name>SweepView</name>
    <message>
        <source>No sweep here: the arms of this experiment all use the same batch size, dropout rate and learning rate.
A sweep compares arms that differ in one of them (lesson 2 varies the batch size, lesson 6 the dropout rate), and plots test error against it, one line per normalization, averaged over seeds.</source>
        <translation>Hier gibt es keine Variation: Alle Varianten dieses Experiments verwenden dieselbe Batchgröße, Dropout-Rate und Lernrate.
Eine Variation vergleicht Varianten, die sich in einer davon unterscheiden (Lektion 2 variiert die Batchgröße, Lektion 6 die Dropout-Rate), und trägt den Testfehler dagegen auf, eine Linie je Normalisierung, gemittelt über die Seeds.</translation>
    </message>
    <message>
        <source>Test error</source>
        <translation>Testfehler</translation>
    </message>
    <message>
        <source>No test evaluation yet. Each point will be the mean test error over the seeds; the band will span the lowest to the highest seed.</source>
        <translation>Noch keine Testauswertung. Jeder Punkt wird der mittlere Testfehler über die Seeds sein; das Band reicht vom niedrigsten bis zum höchsten Seed.</translation>
    </message>
    <message>
        <source>Each point: the mean test error of %1 to %2 seeds (latest test evaluation); the band spans the lowest to the highest seed.</source>
        <translation>Jeder Punkt: der mittlere Testfehler von %1 bis %2 Seeds (letzte Testauswertung); das Band reicht vom niedrigsten bis zum höchsten Seed.</translation>
    </message>
    <message>
        <source>test error (%)</source>
        <translation>Testfehler (%)</translation>
    </message>
    <message>
        <source>Test error vs %1</source>
        <translation>Testfehler gegen %1</translation>
    </message>
    <message>
        <source>Each point: the test error of 1 seed (latest test evaluation).</source>
        <translation>Jeder Punkt: der Testfehler von 1 Seed (letzte Testauswertung).</translation>
    </message>
    <message numerus="yes">
        <source>Each point: the mean test error of %n seeds (latest test evaluation); the band spans the lowest to the highest seed.</source>
        <translation>
            <numerusform>Jeder Punkt: der mittlere Testfehler von %n Seed (letzte Testauswertung); das Band reicht vom niedrigsten bis zum höchsten Seed.</numerusform>
            <numerusform>Jeder Punkt: der mittlere Testfehler von %n Seeds (letzte Testauswertung); das Band reicht vom niedrigsten bis zum höchsten Seed.</numerusform>
        </translation>
    </message>
    <message>
        <source>1 diverged run left out.</source>
        <translation>1 divergierter Lauf ausgelassen.</translation>
    </message>
    <message numerus="yes">
        <source>%n diverged runs left out.</source>
        <translation>
            <numerusform>%n divergierter Lauf ausgelassen.</numerusform>
            <numerusform>%n divergierte Läufe ausgelassen.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TimeMarkers</name>
    <message>
        <source>lr %1</source>
        <translation>LR %1</translation>
    </message>
    <message>
        <source>lr ×%1</source>
        <translation>LR ×%1</translation>
    </message>
    <message>
        <source>branch: %1 at step %2</source>
        <translation>Zweig: %1 bei Schritt %2</translation>
    </message>
    <message>
        <source>%1: diverged at step %2</source>
        <translation>%1: divergiert bei Schritt %2</translation>
    </message>
    <message>
        <source>branch: %1</source>
        <translation>Zweig: %1</translation>
    </message>
</context>
<context>
    <name>UserPrompts</name>
    <message>
        <source>Unsaved results</source>
        <translation>Nicht gespeicherte Ergebnisse</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Trains small CNNs live and shows, layer by layer, what normalization does.</source>
        <translation>Trainiert kleine CNNs live und zeigt Schicht für Schicht, was Normalisierung bewirkt.</translation>
    </message>
    <message>
        <source>A saved experiment (.normlab) to open.</source>
        <translation>Ein gespeichertes Experiment (.normlab), das geöffnet wird.</translation>
    </message>
    <message>
        <source>Open built-in lesson N (1-9).</source>
        <translation>Die eingebaute Lektion N öffnen (1-9).</translation>
    </message>
    <message>
        <source>Start in presentation mode: full screen, large fonts, thick lines (F11 leaves it).</source>
        <translation>Im Präsentationsmodus starten: Vollbild, große Schrift, dicke Linien (F11 beendet ihn).</translation>
    </message>
</context>
<context>
    <name>normlab::ArmLegend</name>
    <message>
        <source> – diverged at step %1</source>
        <translation> – divergiert bei Schritt %1</translation>
    </message>
    <message>
        <source> – %1 of %2 seeds diverged</source>
        <translation> – %1 von %2 Seeds divergiert</translation>
    </message>
    <message>
        <source> – failed</source>
        <translation> – fehlgeschlagen</translation>
    </message>
    <message>
        <source> – %1 of %2 seeds failed</source>
        <translation> – %1 von %2 Seeds fehlgeschlagen</translation>
    </message>
    <message>
        <source>Click an arm to highlight it on every tab (click more to compare); “show all” draws every arm alike again. Right-click an arm to hide, stop, remove or branch it.</source>
        <translation>Eine Variante anklicken, um sie auf jedem Reiter hervorzuheben (weitere anklicken zum Vergleichen); „alle zeigen“ zeichnet wieder alle gleich. Rechtsklick auf eine Variante blendet sie aus, stoppt, entfernt oder verzweigt sie.</translation>
    </message>
    <message>
        <source>show&amp;nbsp;all</source>
        <translation>alle&amp;nbsp;zeigen</translation>
    </message>
</context>
<context>
    <name>normlab::BranchDialog</name>
    <message>
        <source>Branch here</source>
        <translation>Hier verzweigen</translation>
    </message>
    <message>
        <source>A branch continues from the arm&apos;s current state (weights, running statistics, optimizer state, position in the data) with the settings changed below. Parent and branch then train side by side on the same images.</source>
        <translation>Ein Zweig setzt den aktuellen Zustand der Variante fort (Gewichte, laufende Statistiken, Zustand des Optimierers, Position in den Daten), mit den unten geänderten Einstellungen. Eltern-Variante und Zweig trainieren dann nebeneinander mit denselben Bildern.</translation>
    </message>
    <message>
        <source>The arm whose state the branch starts from.</source>
        <translation>Die Variante, von deren Zustand der Zweig ausgeht.</translation>
    </message>
    <message>
        <source>Branch from</source>
        <translation>Verzweigen von</translation>
    </message>
    <message>
        <source>named after its changes</source>
        <translation>nach seinen Änderungen benannt</translation>
    </message>
    <message>
        <source>The branch&apos;s name in the key and the files.</source>
        <translation>Der Name des Zweigs in der Legende und in den Dateien.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Bezeichnung</translation>
    </message>
    <message>
        <source>Dropout rate from here on (0 switches dropout off).</source>
        <translation>Dropout-Rate ab hier (0 schaltet Dropout ab).</translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation>Dropout-Rate</translation>
    </message>
    <message>
        <source>Images per step from here on; the branch reads on in the same image order.</source>
        <translation>Bilder je Schritt ab hier; der Zweig liest in derselben Bildreihenfolge weiter.</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>Batchgröße</translation>
    </message>
    <message>
        <source>Learning rate from here on.</source>
        <translation>Lernrate ab hier.</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>Lernrate</translation>
    </message>
    <message>
        <source>A new optimizer starts its state afresh, as a new torch.optim would.</source>
        <translation>Ein neuer Optimierer beginnt mit frischem Zustand, wie es ein neues torch.optim täte.</translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation>Optimierer</translation>
    </message>
    <message>
        <source>Batch, layer, instance and group norm have parameters of the same shapes, so a branch can switch between them.</source>
        <translation>Batch-, Layer-, Instanz- und Gruppen-Normalisierung haben Parameter derselben Form, daher kann ein Zweig zwischen ihnen wechseln.</translation>
    </message>
    <message>
        <source>Norm</source>
        <translation>Normalisierung</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Verzweigen</translation>
    </message>
    <message>
        <source>This arm&apos;s norm has parameters of other shapes: it stays.</source>
        <translation>Die Normalisierung dieser Variante hat Parameter anderer Form: Sie bleibt.</translation>
    </message>
</context>
<context>
    <name>normlab::ControlPanel</name>
    <message>
        <source>Image folder…</source>
        <translation>Bildordner…</translation>
    </message>
    <message>
        <source>Your own pictures: a folder with one sub-folder of images per class (or train/ and test/ folders that hold them). You can also drop the folder on the window.</source>
        <translation>Eigene Bilder: ein Ordner mit einem Unterordner voller Bilder je Klasse (oder Ordnern train/ und test/, die solche enthalten). Der Ordner kann auch auf das Fenster gezogen werden.</translation>
    </message>
    <message>
        <source>The size the images are read at, in pixels: the shorter side is scaled to it and the longer one cropped in the middle. The built-in models take 28.</source>
        <translation>Die Größe, in der die Bilder gelesen werden, in Pixeln: Die kürzere Seite wird darauf skaliert, die längere in der Mitte zugeschnitten. Die eingebauten Modelle nehmen 28.</translation>
    </message>
    <message>
        <source>Gray</source>
        <translation>Grau</translation>
    </message>
    <message>
        <source>RGB</source>
        <translation>RGB</translation>
    </message>
    <message>
        <source>Read the images in gray (one channel, what the built-in models take) or in colour (three channels).</source>
        <translation>Die Bilder in Graustufen (ein Kanal, wie ihn die eingebauten Modelle nehmen) oder in Farbe (drei Kanäle) lesen.</translation>
    </message>
    <message>
        <source>Image size</source>
        <translation>Bildgröße</translation>
    </message>
    <message>
        <source>Skip bad images</source>
        <translation>Fehlerhafte Bilder überspringen</translation>
    </message>
    <message>
        <source>Train without the files that cannot be read (corrupt, empty or not images); the banner says how many were left out.</source>
        <translation>Ohne die Dateien trainieren, die sich nicht lesen lassen (beschädigt, leer oder keine Bilder); das Banner nennt, wie viele ausgelassen wurden.</translation>
    </message>
    <message>
        <source>Folder of images (one sub-folder per class)</source>
        <translation>Bildordner (ein Unterordner je Klasse)</translation>
    </message>
</context>
<context>
    <name>normlab::DatasetStrip</name>
    <message>
        <source>Synthetic shapes</source>
        <translation>Synthetische Formen</translation>
    </message>
    <message>
        <source>IDX folder</source>
        <translation>IDX-Ordner</translation>
    </message>
    <message>
        <source>One training image of each class, with its name: what the network learns to tell apart.</source>
        <translation>Ein Trainingsbild jeder Klasse mit ihrem Namen: was das Netz unterscheiden lernt.</translation>
    </message>
    <message>
        <source>Loading sample images…</source>
        <translation>Beispielbilder werden geladen…</translation>
    </message>
    <message>
        <source>Cannot load the data: %1</source>
        <translation>Die Daten können nicht geladen werden: %1</translation>
    </message>
    <message>
        <source>class %1</source>
        <translation>Klasse %1</translation>
    </message>
    <message>
        <source>Class %1: %2</source>
        <translation>Klasse %1: %2</translation>
    </message>
    <message>
        <source>%1: %2 training and %3 test images, %4 classes</source>
        <translation>%1: %2 Trainings- und %3 Testbilder, %4 Klassen</translation>
    </message>
    <message>
        <source>Image folder</source>
        <translation>Bildordner</translation>
    </message>
    <message>
        <source>Choose a folder of images with Browse…, or drop one on the window: one sub-folder of pictures per class (the folder names are the class names), or train/ and test/ folders that each hold such sub-folders.</source>
        <translation>Wählen Sie mit „Durchsuchen…“ einen Bildordner oder ziehen Sie einen auf das Fenster: ein Unterordner mit Bildern je Klasse (die Ordnernamen sind die Klassennamen) oder Ordner train/ und test/, die jeweils solche Unterordner enthalten.</translation>
    </message>
    <message>
        <source>One folder per class: %1% of each class&apos;s images are held out for testing (chosen by the seed).</source>
        <translation>Ein Ordner je Klasse: %1 % der Bilder jeder Klasse werden zum Testen zurückgehalten (nach dem Seed gewählt).</translation>
    </message>
    <message numerus="yes">
        <source>Bad files found so far: %n. The first: %1</source>
        <translation>
            <numerusform>Bisher %n fehlerhafte Datei gefunden. Sie heißt: %1</numerusform>
            <numerusform>Bisher %n fehlerhafte Dateien gefunden. Die erste: %1</numerusform>
        </translation>
    </message>
    <message>
        <source>They are skipped: training goes on without them.</source>
        <translation>Sie werden übersprungen: Das Training läuft ohne sie.</translation>
    </message>
    <message>
        <source>Tick “Skip bad images” to train without them, or fix them.</source>
        <translation>Kreuzen Sie „Fehlerhafte Bilder überspringen“ an, um ohne sie zu trainieren, oder beheben Sie sie.</translation>
    </message>
</context>
<context>
    <name>normlab::ExportDialog</name>
    <message>
        <source>PNG image (for slides and documents)</source>
        <translation>PNG-Bild (für Folien und Dokumente)</translation>
    </message>
    <message>
        <source>SVG vector drawing (scales without blur)</source>
        <translation>SVG-Vektorgrafik (skaliert ohne Unschärfe)</translation>
    </message>
    <message>
        <source>PDF (for print and LaTeX)</source>
        <translation>PDF (für Druck und LaTeX)</translation>
    </message>
    <message>
        <source>PNG for slides; SVG or PDF stay sharp at any size.</source>
        <translation>PNG für Folien; SVG und PDF bleiben in jeder Größe scharf.</translation>
    </message>
    <message>
        <source>%1x</source>
        <translation>%1×</translation>
    </message>
    <message>
        <source>PNG pixels per on-screen pixel: 2x is sharp on a projector, 4x for print.</source>
        <translation>PNG-Pixel je Bildschirmpixel: 2× ist scharf am Beamer, 4× für den Druck.</translation>
    </message>
    <message>
        <source>&amp;Scale:</source>
        <translation>&amp;Skalierung:</translation>
    </message>
    <message>
        <source>The file to write; an existing file is replaced.</source>
        <translation>Die zu schreibende Datei; eine vorhandene Datei wird ersetzt.</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Durchsuchen…</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Format:</translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation>Da&amp;tei:</translation>
    </message>
    <message>
        <source>The legend, axis titles and a caption line (arms, settings, seed, step) are included.</source>
        <translation>Legende, Achsentitel und eine Bildunterschrift (Varianten, Einstellungen, Seed, Schritt) sind enthalten.</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Exportieren</translation>
    </message>
</context>
<context>
    <name>normlab::LessonBanner</name>
    <message>
        <source>Shows the chart this lesson is about.</source>
        <translation>Zeigt das Diagramm, um das es in dieser Lektion geht.</translation>
    </message>
    <message>
        <source>Close lesson</source>
        <translation>Lektion schließen</translation>
    </message>
    <message>
        <source>Hides this text; the comparison and its charts stay.</source>
        <translation>Blendet diesen Text aus; der Vergleich und seine Diagramme bleiben.</translation>
    </message>
    <message>
        <source>Lesson %1: %2</source>
        <translation>Lektion %1: %2</translation>
    </message>
    <message>
        <source>Show chart: %1</source>
        <translation>Diagramm zeigen: %1</translation>
    </message>
    <message>
        <source>Explain: %1</source>
        <translation>Erklären: %1</translation>
    </message>
</context>
<context>
    <name>normlab::LessonsPage</name>
    <message>
        <source>Lessons</source>
        <translation>Lektionen</translation>
    </message>
    <message>
        <source>Each lesson loads a ready comparison, trains it (under a minute on two cores) and says what to watch and on which chart. Or set up your own comparison in the panel on the left and press Start.</source>
        <translation>Jede Lektion lädt einen fertigen Vergleich, trainiert ihn (unter einer Minute auf zwei Kernen) und sagt, worauf man in welchem Diagramm achten soll. Oder links in der Seitenleiste einen eigenen Vergleich einrichten und Start drücken.</translation>
    </message>
    <message>
        <source>Open lesson %1</source>
        <translation>Lektion %1 öffnen</translation>
    </message>
    <message>
        <source>Loads the lesson&apos;s comparison, starts training and shows its chart.</source>
        <translation>Lädt den Vergleich der Lektion, startet das Training und zeigt ihr Diagramm.</translation>
    </message>
    <message>
        <source>Explainers</source>
        <translation>Erklärungen</translation>
    </message>
</context>
<context>
    <name>normlab::LoadProgressBar</name>
    <message>
        <source>Start reads every image of the folder before training: how far it is.</source>
        <translation>Start liest vor dem Training jedes Bild des Ordners: so weit ist es.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stop reading the images; nothing is trained.</source>
        <translation>Das Lesen der Bilder beenden; es wird nichts trainiert.</translation>
    </message>
    <message>
        <source>Finding the images…</source>
        <translation>Bilder werden gesucht…</translation>
    </message>
    <message>
        <source>Reading images %1 of %2</source>
        <translation>Bilder werden gelesen: %1 von %2</translation>
    </message>
</context>
<context>
    <name>normlab::MainWindow</name>
    <message>
        <source>Start training every arm side by side on the same images (Space starts and pauses).</source>
        <translation>Alle Varianten nebeneinander mit denselben Bildern trainieren (Leertaste startet und pausiert).</translation>
    </message>
    <message>
        <source>Continue training the opened experiment from where it was saved: the curves go on exactly as one longer run&apos;s would (Space).</source>
        <translation>Das geöffnete Experiment dort weitertrainieren, wo es gespeichert wurde: Die Kurven laufen genau so weiter wie bei einem längeren Lauf (Leertaste).</translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation>Experiment</translation>
    </message>
    <message>
        <source>What the trainer is doing: ready, loading the data, running, paused, finished or failed.</source>
        <translation>Was das Training gerade tut: bereit, lädt Daten, läuft, pausiert, fertig oder fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Training speed in images per second.</source>
        <translation>Trainingsgeschwindigkeit in Bildern pro Sekunde.</translation>
    </message>
    <message>
        <source>Arms whose loss became infinite or NaN: the learning rate was too large for them; and runs that stopped on an error (e.g. out of memory) while the others went on.</source>
        <translation>Varianten, deren Verlust unendlich oder NaN wurde: Die Lernrate war für sie zu groß; und Läufe, die mit einem Fehler abbrachen (z. B. zu wenig Speicher), während die anderen weiterliefen.</translation>
    </message>
    <message>
        <source>Learning rate %1 from the next step, for every arm (arms with rates of their own keep their ratio); marked on the charts.</source>
        <translation>Lernrate %1 ab dem nächsten Schritt für jede Variante (Varianten mit eigener Rate behalten ihr Verhältnis); in den Diagrammen markiert.</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Starten</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <source>Pause training at the end of the current step; the charts stay (Space).</source>
        <translation>Das Training am Ende des aktuellen Schritts anhalten; die Diagramme bleiben (Leertaste).</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Einzelschritt</translation>
    </message>
    <message>
        <source>Train every arm on exactly one more mini-batch, then pause (Right arrow or S).</source>
        <translation>Jede Variante mit genau einem weiteren Mini-Batch trainieren, dann anhalten (Pfeil rechts oder S).</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>Zurücksetzen</translation>
    </message>
    <message>
        <source>Discard the current run so the settings can be changed and training starts afresh (R); unsaved results are offered for saving first.</source>
        <translation>Den aktuellen Lauf verwerfen, damit die Einstellungen geändert werden können und das Training neu beginnt (R); nicht gespeicherte Ergebnisse werden vorher zum Speichern angeboten.</translation>
    </message>
    <message>
        <source> Speed </source>
        <translation> Tempo </translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation>Maximal</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 Schritte/s</translation>
    </message>
    <message>
        <source>How fast training runs, in mini-batches per second for each arm: slow it down to watch the charts change step by step, or let it run at full speed.</source>
        <translation>Wie schnell das Training läuft, in Mini-Batches pro Sekunde je Variante: verlangsamen, um den Diagrammen Schritt für Schritt zuzusehen, oder mit voller Geschwindigkeit laufen lassen.</translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation>Präsentation</translation>
    </message>
    <message>
        <source>Full screen with large text and thick lines for a projector; the side panel and menus hide, the run controls stay (F11 to leave).</source>
        <translation>Vollbild mit großer Schrift und dicken Linien für den Beamer; Seitenleiste und Menüs verschwinden, die Trainingsknöpfe bleiben (F11 zum Verlassen).</translation>
    </message>
    <message>
        <source>Start or pause</source>
        <translation>Starten oder anhalten</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>Close NormLab; settings and the window layout are kept for next time.</source>
        <translation>NormLab schließen; Einstellungen und Fensteranordnung bleiben für das nächste Mal erhalten.</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>&amp;Training</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation>&amp;Anleitung</translation>
    </message>
    <message>
        <source>What each tab shows and how to read it, and the keyboard shortcuts (F1).</source>
        <translation>Was jeder Reiter zeigt und wie man ihn liest, dazu die Tastenkürzel (F1).</translation>
    </message>
    <message>
        <source>&amp;About NormLab</source>
        <translation>&amp;Über NormLab</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Über &amp;Qt</translation>
    </message>
    <message>
        <source>About NormLab</source>
        <translation>Über NormLab</translation>
    </message>
    <message>
        <source>&lt;h2&gt;NormLab %1&lt;/h2&gt;&lt;p&gt;Trains small convolutional networks live on the CPU and shows, layer by layer, what normalization does to them.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;Eigen %3.%4.%5&lt;/p&gt;</source>
        <translation>&lt;h2&gt;NormLab %1&lt;/h2&gt;&lt;p&gt;Trainiert kleine Faltungsnetze live auf der CPU und zeigt Schicht für Schicht, was Normalisierung mit ihnen macht.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;Eigen %3.%4.%5&lt;/p&gt;</translation>
    </message>
    <message>
        <source>starting a new run</source>
        <comment>Save them before %1?</comment>
        <translation>dem Start eines neuen Laufs</translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation>Start nicht möglich: %1</translation>
    </message>
    <message>
        <source>resetting</source>
        <comment>Save them before %1?</comment>
        <translation>dem Zurücksetzen</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>Weitertrainieren</translation>
    </message>
    <message>
        <source>Ready: press Start (Space)</source>
        <translation>Bereit: Starten drücken (Leertaste)</translation>
    </message>
    <message>
        <source>Loading data…</source>
        <translation>Daten werden geladen…</translation>
    </message>
    <message>
        <source>Running</source>
        <translation>Läuft</translation>
    </message>
    <message>
        <source>Paused: Step (→) trains one mini-batch</source>
        <translation>Angehalten: Einzelschritt (→) trainiert einen Mini-Batch</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Fertig</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation>Geöffnet: %1</translation>
    </message>
    <message>
        <source>%1 diverged at step %2</source>
        <translation>%1 divergiert bei Schritt %2</translation>
    </message>
    <message>
        <source>%1 failed (%2)</source>
        <translation>%1 fehlgeschlagen (%2)</translation>
    </message>
    <message>
        <source>closing</source>
        <comment>Save them before %1?</comment>
        <translation>dem Schließen</translation>
    </message>
    <message>
        <source>batch size %1</source>
        <translation>Batchgröße %1</translation>
    </message>
    <message>
        <source>dropout %1</source>
        <translation>Dropout %1</translation>
    </message>
    <message>
        <source>optimizer %1</source>
        <translation>Optimierer %1</translation>
    </message>
    <message>
        <source>momentum %1</source>
        <translation>Momentum %1</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Bearbeiten</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Rückgängig</translation>
    </message>
    <message>
        <source>&amp;Branch Here…</source>
        <translation>Hier &amp;verzweigen…</translation>
    </message>
    <message>
        <source>Continue an arm from its current state with other settings (dropout, batch size, learning rate, optimizer, norm): parent and branch then train side by side.</source>
        <translation>Eine Variante ab ihrem aktuellen Zustand mit anderen Einstellungen fortsetzen (Dropout, Batchgröße, Lernrate, Optimierer, Normalisierung): Eltern-Variante und Zweig trainieren dann nebeneinander.</translation>
    </message>
    <message>
        <source>&amp;Arms</source>
        <translation>&amp;Varianten</translation>
    </message>
    <message>
        <source>The arm the new arm copies its other settings from, or the arm to branch.</source>
        <translation>Die Variante, von der die neue Variante ihre übrigen Einstellungen übernimmt, oder die zu verzweigende Variante.</translation>
    </message>
    <message>
        <source>Add as a new arm</source>
        <translation>Als neue Variante hinzufügen</translation>
    </message>
    <message>
        <source>A new arm with these settings, trained from the start on the same images: it catches up with the others, then trains alongside.</source>
        <translation>Eine neue Variante mit diesen Einstellungen, von Anfang an mit denselben Bildern trainiert: Sie holt die anderen ein und trainiert dann mit ihnen.</translation>
    </message>
    <message>
        <source>Branch it here</source>
        <translation>Hier verzweigen</translation>
    </message>
    <message>
        <source>A copy of the chosen arm as it is now, going on with these settings: its curve starts where the arm stands and a marker shows the branch.</source>
        <translation>Eine Kopie der gewählten Variante im jetzigen Zustand, die mit diesen Einstellungen weitermacht: Ihre Kurve beginnt dort, wo die Variante steht, und eine Markierung zeigt die Verzweigung.</translation>
    </message>
    <message>
        <source>Only for the next Start</source>
        <translation>Nur für den nächsten Start</translation>
    </message>
    <message>
        <source>Leave the training arms as they are; the settings apply when you press Reset and Start.</source>
        <translation>Die trainierenden Varianten so lassen; die Einstellungen gelten nach Zurücksetzen und Starten.</translation>
    </message>
    <message>
        <source>When each arm started, was added, branched or changed, by training step.</source>
        <translation>Wann jede Variante begann, hinzukam, verzweigt oder geändert wurde, nach Trainingsschritt.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; cannot change arms that are already training. Add it as a new arm (trained from the start) or branch an arm here (it goes on from its current state)?</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; lässt sich bei Varianten, die schon trainieren, nicht ändern. Als neue Variante hinzufügen (von Anfang an trainiert) oder eine Variante hier verzweigen (sie macht ab ihrem aktuellen Zustand weiter)?</translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation>&amp;Rückgängig: %1</translation>
    </message>
    <message>
        <source>%1 hidden</source>
        <translation>%1 ausgeblendet</translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation>%1 eingeblendet</translation>
    </message>
    <message>
        <source>Hide %1</source>
        <translation>%1 ausblenden</translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation>%1 einblenden</translation>
    </message>
    <message>
        <source>%1 stopped</source>
        <translation>%1 gestoppt</translation>
    </message>
    <message>
        <source>%1 cannot be removed: %2 branches from it (remove the branch first, or hide it).</source>
        <translation>%1 kann nicht entfernt werden: %2 zweigt davon ab (zuerst den Zweig entfernen oder ausblenden).</translation>
    </message>
    <message>
        <source>removing %1</source>
        <comment>Save them before %1?</comment>
        <translation>dem Entfernen von %1</translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation>%1 entfernt</translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation>%1 entfernen</translation>
    </message>
    <message>
        <source>%1 branched from %2</source>
        <translation>%1 verzweigt von %2</translation>
    </message>
    <message>
        <source>%1 added</source>
        <translation>%1 hinzugefügt</translation>
    </message>
    <message>
        <source>%1 goes on from %2&apos;s current state with its changed settings (marked on the charts).</source>
        <translation>%1 macht ab dem aktuellen Zustand von %2 mit geänderten Einstellungen weiter (in den Diagrammen markiert).</translation>
    </message>
    <message>
        <source>%1 added: it trains from the start on the same images and catches up with the others.</source>
        <translation>%1 hinzugefügt: trainiert von Anfang an mit denselben Bildern und holt die anderen ein.</translation>
    </message>
    <message>
        <source>Cannot branch: %1</source>
        <translation>Verzweigen nicht möglich: %1</translation>
    </message>
    <message>
        <source>No experiment is training</source>
        <translation>Kein Experiment trainiert</translation>
    </message>
    <message>
        <source>Show</source>
        <translation>Einblenden</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Ausblenden</translation>
    </message>
    <message>
        <source>Leave the arm out of the charts; it keeps training and its data is kept (Undo: Ctrl+Z).</source>
        <translation>Die Variante in den Diagrammen weglassen; sie trainiert weiter und ihre Daten bleiben erhalten (Rückgängig: Strg+Z).</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>Stoppen</translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation>Entfernen…</translation>
    </message>
    <message>
        <source>Branch Here…</source>
        <translation>Hier verzweigen…</translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation>Nicht übernommen: %1</translation>
    </message>
    <message>
        <source>lr %1</source>
        <translation>LR %1</translation>
    </message>
    <message>
        <source>lr %1 for %2</source>
        <translation>LR %1 für %2</translation>
    </message>
    <message>
        <source>step %1: %2</source>
        <translation>Schritt %1: %2</translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation>Zeitleiste</translation>
    </message>
    <message>
        <source>Export Chart…</source>
        <translation>Diagramm exportieren…</translation>
    </message>
    <message>
        <source>Copy Chart</source>
        <translation>Diagramm kopieren</translation>
    </message>
    <message>
        <source>This tab has no chart to export.</source>
        <translation>Dieser Reiter hat kein Diagramm zum Exportieren.</translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation>Diagramm exportieren</translation>
    </message>
    <message>
        <source>Cannot export the chart</source>
        <translation>Diagramm kann nicht exportiert werden</translation>
    </message>
    <message>
        <source>Could not export the chart: %1</source>
        <translation>Das Diagramm konnte nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>Exportiert: %1</translation>
    </message>
    <message>
        <source>Chart copied: paste it into a slide or document.</source>
        <translation>Diagramm kopiert: in eine Folie oder ein Dokument einfügen.</translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation>Abbildung exportieren</translation>
    </message>
    <message>
        <source>Cannot export the figure</source>
        <translation>Abbildung kann nicht exportiert werden</translation>
    </message>
    <message>
        <source>Could not export the figure: %1</source>
        <translation>Die Abbildung konnte nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Export data into folder</source>
        <translation>Daten in Ordner exportieren</translation>
    </message>
    <message>
        <source>Cannot export the data</source>
        <translation>Daten können nicht exportiert werden</translation>
    </message>
    <message>
        <source>Could not export the data: %1</source>
        <translation>Die Daten konnten nicht exportiert werden: %1</translation>
    </message>
    <message>
        <source>Exported %1 files (CSV and JSON) to %2</source>
        <translation>%1 Dateien (CSV und JSON) nach %2 exportiert</translation>
    </message>
    <message>
        <source>NormLab experiments (*.normlab);;All files (*)</source>
        <translation>NormLab-Experimente (*.normlab);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;Öffnen…</translation>
    </message>
    <message>
        <source>Open a saved experiment: every chart shows it again, without retraining (Ctrl+O).</source>
        <translation>Ein gespeichertes Experiment öffnen: Jedes Diagramm zeigt es wieder, ohne neu zu trainieren (Strg+O).</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Speichern</translation>
    </message>
    <message>
        <source>Save the settings, seeds and everything recorded to a .normlab file (Ctrl+S).</source>
        <translation>Einstellungen, Seeds und alles Aufgezeichnete in einer .normlab-Datei speichern (Strg+S).</translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation>Speichern &amp;unter…</translation>
    </message>
    <message>
        <source>Save the experiment to a new .normlab file.</source>
        <translation>Das Experiment in einer neuen .normlab-Datei speichern.</translation>
    </message>
    <message>
        <source>Export &amp;Chart…</source>
        <translation>Dia&amp;gramm exportieren…</translation>
    </message>
    <message>
        <source>Save the chart under the mouse (else the first chart of this tab) as PNG, SVG or PDF, with its legend and a caption of the settings.</source>
        <translation>Das Diagramm unter der Maus (sonst das erste dieses Reiters) als PNG, SVG oder PDF speichern, mit Legende und einer Bildunterschrift mit den Einstellungen.</translation>
    </message>
    <message>
        <source>Export &amp;Figure…</source>
        <translation>&amp;Abbildung exportieren…</translation>
    </message>
    <message>
        <source>Save every chart of this tab as one multi-panel figure (PNG, SVG or PDF).</source>
        <translation>Alle Diagramme dieses Reiters als eine Abbildung mit mehreren Feldern speichern (PNG, SVG oder PDF).</translation>
    </message>
    <message>
        <source>Export &amp;Data…</source>
        <translation>Da&amp;ten exportieren…</translation>
    </message>
    <message>
        <source>Write every series as CSV and everything as one JSON file into a folder.</source>
        <translation>Jede Datenreihe als CSV und alles zusammen als eine JSON-Datei in einen Ordner schreiben.</translation>
    </message>
    <message>
        <source>Run &amp;Again</source>
        <translation>&amp;Erneut ausführen</translation>
    </message>
    <message>
        <source>Train the experiment on show again from the start with exactly its settings and seeds: the curves come out the same (Ctrl+Shift+R).</source>
        <translation>Das gezeigte Experiment mit genau seinen Einstellungen und Seeds von vorn trainieren: Die Kurven werden gleich (Strg+Umschalt+R).</translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation>Unbenannt</translation>
    </message>
    <message>
        <source>%1 (loaded experiment)</source>
        <translation>%1 (geladenes Experiment)</translation>
    </message>
    <message>
        <source>The results of the current experiment have not been saved. Save them before %1?</source>
        <translation>Die Ergebnisse des aktuellen Experiments wurden nicht gespeichert. Vor %1 speichern?</translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation>Experiment speichern</translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation>Nichts zu speichern</translation>
    </message>
    <message>
        <source>There are no results to save yet: start an experiment first.</source>
        <translation>Es gibt noch keine Ergebnisse zum Speichern: zuerst ein Experiment starten.</translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation>Speichern nicht möglich</translation>
    </message>
    <message>
        <source>Could not save the experiment: %1</source>
        <translation>Das Experiment konnte nicht gespeichert werden: %1</translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation>Gespeichert: %1</translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation>Experiment öffnen</translation>
    </message>
    <message>
        <source>opening another file</source>
        <comment>Save them before %1?</comment>
        <translation>dem Öffnen einer anderen Datei</translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation>Öffnen nicht möglich</translation>
    </message>
    <message>
        <source>Could not open the experiment: %1</source>
        <translation>Das Experiment konnte nicht geöffnet werden: %1</translation>
    </message>
    <message>
        <source>The side panel cannot show this experiment&apos;s settings (for example several seeds or an inline model): Continue (Space) trains it on from where it was saved, Run again (Ctrl+Shift+R) repeats it exactly as saved; Start runs the panel&apos;s settings once you change one.</source>
        <translation>Die Seitenleiste kann die Einstellungen dieses Experiments nicht darstellen (zum Beispiel mehrere Seeds oder ein eingebettetes Modell): Weitertrainieren (Leertaste) setzt es dort fort, wo es gespeichert wurde, Erneut ausführen (Strg+Umschalt+R) wiederholt es genau wie gespeichert; Starten trainiert die Einstellungen der Leiste, sobald man eine ändert.</translation>
    </message>
    <message>
        <source>The side panel cannot show this experiment&apos;s settings (for example several seeds or an inline model): Run again (Ctrl+Shift+R) repeats it exactly as saved; Start runs the panel&apos;s settings.</source>
        <translation>Die Seitenleiste kann die Einstellungen dieses Experiments nicht darstellen (zum Beispiel mehrere Seeds oder ein eingebettetes Modell): Erneut ausführen (Strg+Umschalt+R) wiederholt es genau wie gespeichert; Starten trainiert die Einstellungen der Leiste.</translation>
    </message>
    <message>
        <source>Opened %1: Continue (Space) trains on from where it was saved</source>
        <translation>Geöffnet: %1. Weitertrainieren (Leertaste) setzt es dort fort, wo es gespeichert wurde</translation>
    </message>
    <message>
        <source>Opened %1. %2</source>
        <translation>Geöffnet: %1. %2</translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation>Weitertrainieren nicht möglich</translation>
    </message>
    <message>
        <source>Could not continue the experiment: %1</source>
        <translation>Das Experiment konnte nicht fortgesetzt werden: %1</translation>
    </message>
    <message>
        <source>running the experiment again</source>
        <comment>Save them before %1?</comment>
        <translation>dem erneuten Ausführen des Experiments</translation>
    </message>
    <message>
        <source>Removed from Open Recent because they no longer exist: %1</source>
        <translation>Aus „Zuletzt geöffnet“ entfernt, weil sie nicht mehr existieren: %1</translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation>Keine zuletzt geöffneten Dateien</translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation>Liste &amp;leeren</translation>
    </message>
    <message>
        <source>Ready-made comparisons that each teach one thing, and the explainers.</source>
        <translation>Fertige Vergleiche, die jeweils eine Sache zeigen, und die Erklärungen.</translation>
    </message>
    <message>
        <source>The built-in lessons could not be read: %1</source>
        <translation>Die eingebauten Lektionen konnten nicht gelesen werden: %1</translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation>&amp;Lektionen</translation>
    </message>
    <message>
        <source>All lessons (start page)</source>
        <translation>Alle Lektionen (Startseite)</translation>
    </message>
    <message>
        <source>L&amp;earn</source>
        <translation>&amp;Erklärungen</translation>
    </message>
    <message>
        <source>Recompute &amp;Population Statistics</source>
        <translation>&amp;Populationsstatistiken neu berechnen</translation>
    </message>
    <message>
        <source>Batch norm: replace each run&apos;s running mean and variance (a moving average of recent batches) by their average over 4,096 training images, as PyTorch&apos;s update_bn does, and show eval-mode test accuracy before and after on the Batch norm tab.</source>
        <translation>Batch-Normalisierung: den laufenden Mittelwert und die laufende Varianz jedes Laufs (einen gleitenden Mittelwert der letzten Batches) durch ihren Mittelwert über 4.096 Trainingsbilder ersetzen, wie es update_bn in PyTorch tut, und die Testgenauigkeit im Auswertungsmodus vorher und nachher auf dem Reiter Batch-Norm zeigen.</translation>
    </message>
    <message>
        <source>opening a lesson</source>
        <comment>Save them before %1?</comment>
        <translation>dem Öffnen einer Lektion</translation>
    </message>
    <message>
        <source>Lesson %1: %2</source>
        <translation>Lektion %1: %2</translation>
    </message>
    <message>
        <source>Live: %1 output in run %2 at step %3 (the first %4 images and %5 channels of its batch, the centre %6 × %7), what its first norm normalizes.</source>
        <translation>Live: Ausgabe von %1 in Lauf %2 bei Schritt %3 (die ersten %4 Bilder und %5 Kanäle seines Batches, die Mitte %6 × %7), das, was seine erste Normalisierung normalisiert.</translation>
    </message>
    <message>
        <source>Recomputing population statistics…</source>
        <translation>Populationsstatistiken werden neu berechnet…</translation>
    </message>
    <message>
        <source>Takes back the last hide, show, stop or removal of an arm (until the next Start).</source>
        <translation>Nimmt das letzte Ausblenden, Einblenden, Anhalten oder Entfernen einer Variante zurück (bis zum nächsten Start).</translation>
    </message>
    <message>
        <source>Stop %1</source>
        <translation>%1 anhalten</translation>
    </message>
    <message>
        <source>%1 resumed</source>
        <translation>%1 fortgesetzt</translation>
    </message>
    <message>
        <source>(Edit &gt; Undo, Ctrl+Z, brings it back until the next Start.)</source>
        <translation>(Bearbeiten &gt; Rückgängig, Strg+Z, holt sie bis zum nächsten Start zurück.)</translation>
    </message>
    <message>
        <source>%1 brought back</source>
        <translation>%1 zurückgeholt</translation>
    </message>
    <message>
        <source>End the arm&apos;s training now; its results stay (Undo, Ctrl+Z, resumes it where it stopped, until the next Start).</source>
        <translation>Das Training der Variante jetzt beenden; ihre Ergebnisse bleiben (Rückgängig, Strg+Z, setzt sie bis zum nächsten Start dort fort, wo sie anhielt).</translation>
    </message>
    <message>
        <source>Remove the arm and its results (unsaved results are offered for saving first; Undo, Ctrl+Z, brings it back as it was until the next Start, and it catches up).</source>
        <translation>Die Variante und ihre Ergebnisse entfernen (ungesicherte Ergebnisse werden zuerst zum Speichern angeboten; Rückgängig, Strg+Z, holt sie bis zum nächsten Start so zurück, wie sie war, und sie holt auf).</translation>
    </message>
    <message>
        <source>Cannot use %1: drop a folder of images (one sub-folder of pictures per class) or a .normlab experiment file.</source>
        <translation>%1 kann nicht verwendet werden: Ziehen Sie einen Bildordner (ein Unterordner mit Bildern je Klasse) oder eine .normlab-Experimentdatei hierher.</translation>
    </message>
    <message>
        <source>Cannot switch to the image folder %1 while an experiment is loaded: press Reset (R), then drop it again.</source>
        <translation>Solange ein Experiment geladen ist, kann nicht zum Bildordner %1 gewechselt werden: Drücken Sie Zurücksetzen (R) und ziehen Sie ihn dann erneut hierher.</translation>
    </message>
    <message>
        <source>Image folder %1: press Start to train on it.</source>
        <translation>Bildordner %1: Drücken Sie Start, um damit zu trainieren.</translation>
    </message>
</context>
</TS>
