<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>ActivationView</name>
    <message>
        <source>Layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output percentiles over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer output value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Latest output histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>fraction of values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>output</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>; pick a layer above to see any other</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: output percentiles over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: latest output histogram</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line: median · band: 15th–85th percentile (the middle 70% of the outputs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line: median · click an arm below to see its band (15th–85th percentile)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean of the seeds</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchNormExplainer</name>
    <message>
        <source>Batch norm, step by step: 4 examples, 3 features. Edit any white cell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>feature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>W to feature %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bias b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mini-batch x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Four examples go through the network together. Each row is one example.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear layer weights</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Row j holds the weights that make feature j; the last row is the bias.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch-norm parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>gamma and beta are learned: they let the network undo the normalization if that helps.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>variance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unbiased var</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Linear layer: z = x Wᵀ + b</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each feature is a weighted sum of the example&apos;s inputs plus a bias.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ReLU: a = max(z, 0)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Negative values become 0 (grey). Batch norm sees these activations.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch mean and variance, per feature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Down each column: mean = average of the 4 values; variance = average squared distance from the mean (divided by N = 4).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shift to mean 0: a − mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subtracting the column&apos;s mean centres every feature on 0.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale to variance 1: x̂ = (a − mean) / √(var + ε)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dividing by the standard deviation gives every feature the same spread (ε = 0.00001 avoids dividing by 0).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Scale and shift: y = γ x̂ + β</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This is what the next layer receives in training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>training steps on this batch:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running var</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running statistics (for eval mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>They start at mean 0, variance 1. Each training step moves them 10% of the way: running = 0.9 × running + 0.1 × batch (variance divided by N − 1 = 3).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Eval mode: the running statistics replace the batch&apos;s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>y = γ (a − running mean) / √(running var + ε) + β. At test time there is no batch to average over, so the running statistics are used. After few steps they are far from the batch&apos;s own, and the output differs from step 7.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A red cell is not a number: fix it to update the steps (the numbers shown are from the last valid input).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>BatchNormView</name>
    <message>
        <source>Batch-norm layer:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>solid: batch statistics / train mode · thin line: running statistics / eval mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mean over channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Variance over channels</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>variance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Held-out batch accuracy: train mode vs eval mode</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;span style=&quot;color:%1&quot;&gt;&lt;b&gt;%2&lt;/b&gt;&lt;/span&gt; %3% → %4%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Population statistics recomputed (step %1, averaged over %2 training images). Eval-mode test accuracy before → after: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No run uses batch norm.

Tick “Batch norm (BN)” in the side panel, or open lesson 4, to compare its batch statistics with its running statistics, and train mode with eval mode.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartExport</name>
    <message>
        <source>cannot write to &apos;%1&apos;: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the folder &apos;%1&apos; does not exist</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG encoding failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not start the SVG document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>could not start the PDF document</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to export to &apos;%1&apos;: no charts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lr %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropout %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>weight decay %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>init %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>seeds %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing to export to &apos;%1&apos;: no chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>solid</source>
        <comment>first word of a line-style key</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line</source>
        <comment>first word of a line-style key</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>with</source>
        <comment>as in: line with dots</comment>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartStyle</name>
    <message>
        <source> – diverged at step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> – failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>charts for the first %1 of %2 probed layers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ChartTabs</name>
    <message>
        <source>Loss &amp; accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activations</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient flow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sweep</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Results</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lessons</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ConfigSummary</name>
    <message>
        <source>no norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group norm (%1 groups)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local response norm (size %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>raw pixels (0 to 255)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pixels scaled to 0 to 1 (min-max)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pixels z-scored (mean 0, sd 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n epoch(s)</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>batch size %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>learning rate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropout %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>momentum %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>its own seed %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a model of its own</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 training images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, %1 test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, learning rate %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, momentum %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>, batch size %1, %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeds: %1 (each arm trains once per seed)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>input: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <source>None</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch norm (BN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer norm (LN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance norm (IN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group norm (GN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local response norm (LRN)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The baseline: no normalization layer, so you see what the others change.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch norm: normalizes each channel over the whole mini-batch, so it depends on the batch size and uses running averages at test time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer norm: normalizes all features of one image together; independent of the batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Instance norm: normalizes each channel of each image on its own (only on convolution maps).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group norm: normalizes groups of channels within one image; between layer norm (1 group) and instance norm (one group per channel).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local response norm (AlexNet): divides each channel by the activity of its neighbouring channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fixed while this experiment is loaded: press Reset (R) to change it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>While it trains: tick a norm type to add it as an arm (untick hides it); a new batch size, dropout rate or optimizer offers a new arm or a branch; the learning rate applies at once and is marked on the charts. Reset (R) changes the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Synthetic shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IDX folder (MNIST format)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CIFAR-10 folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The images to learn from: Fashion-MNIST clothing photos, built-in synthetic shapes that need no files, or your own MNIST-format or CIFAR-10 folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>folder with the data files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder holding the IDX files (train-images-idx3-ubyte, ...) or CIFAR-10 binary batches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pick the data folder in a file dialog.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many training images to use (0 = all): fewer images make an epoch shorter, so curves appear sooner.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>all</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How many test images to score accuracy on (0 = all): these are never trained on, so they show how well the network generalizes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network to train; every arm uses it with its own normalization in the marked places.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Model</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalization types</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch sizes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout rates</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What differs between the side-by-side runs: the normalization type, or one setting (batch size or dropout rate) for a single normalization type.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The one normalization type every run uses while the chosen setting varies (batch norm shows the batch-size effect best).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The values to compare, separated by commas: one run per value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per training step: batch norm averages over these, so with tiny batches its statistics get noisy and it breaks down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fraction of hidden units switched off at random in each training step (to prevent memorizing); at test time every unit is on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How big each weight update is: too small learns slowly, too large diverges; normalization makes larger rates safe. Changes apply at once, even while training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How gradients become weight updates: SGD steps along the gradient (with momentum), Adam scales each weight&apos;s step by its recent gradient size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SGD momentum: how much of the previous update carries over, smoothing and speeding up descent.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>model default</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The nonlinearity after each norm: sigmoid and tanh saturate (tiny gradients) unless their inputs are normalized.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starts the random numbers (initial weights, data order, dropout); the same seed gives the same run.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train for a number of epochs (passes over the training images) or of steps (mini-batches).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Passes over all training images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mini-batches to train on (one step = one weight update).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Advanced</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show or hide the norm parameters and how often the runs are measured.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Group norm: how many channel groups; must divide every normalized layer&apos;s channels.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>GN groups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to the variance before the square root, so a channel with no spread does not divide by zero.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Norm eps</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch norm: how fast the running mean and variance used at test time follow the batches.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>BN momentum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LRN: how many neighbouring channels (including itself) each channel is divided by.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LRN size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LRN: weight of the neighbours&apos; squared activity in the divisor.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LRN alpha</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LRN: exponent of the divisor; larger means stronger damping.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LRN beta</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LRN: constant added to the divisor, so quiet channels are left almost unchanged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LRN k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps between test-set evaluations: smaller gives more test points but slows training.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps between measurements of every layer&apos;s activations and gradients for the charts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Probe every</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The settings of this panel cannot set up these runs (several seeds, arms that differ in more than one setting, or in one the panel has no field for), so here is what they are. Start and Run again repeat them as they are.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set up your own comparison</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shows the settings again: Start then trains what they say instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: the model %1 has no dropout layer. Pick small-cnn to use dropout.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set per run: each run takes its rate from the Dropout rates list under Compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Set per run: each run takes its batch size from the Batch sizes list under Compare.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: the model %1 has fixed activations. Pick a model with a replaceable activation (small-cnn, mlp-deep) to choose one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: only SGD uses momentum (Adam keeps its own running averages). Pick SGD to set it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> (no dropout layer)</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n arm(s):
%1</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DropoutExplainer</name>
    <message>
        <source>Dropout, step by step: 4 examples, 6 hidden units. Edit any white cell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unit %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>drop probability p:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Re-roll mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activations x of a hidden layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The outputs of 6 hidden units for each example in the batch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A random mask</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In training each unit is kept (1) with probability 1 − p or dropped (0) with probability p, independently for every example. A new mask is drawn every step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forward pass with dropout: y = x × mask / (1 − p)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropped units output 0 (grey). Kept units are scaled up by 1/(1 − p) so that the next layer receives, on average, the same total signal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why scale? The average of y over %1 masks</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Averaged over many random masks, the scaled output comes back to x: dropout changes the noise, not the expected value.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inference: y = x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At test time nothing is dropped and nothing is scaled: the layer passes x through unchanged. Thanks to step 3 the next layer sees values of the size it was trained on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mask seed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A red cell is not a number: fix it to update the steps (the numbers shown are from the last valid input).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>kept %1 of %2 units (%3%); expected %4%</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>scale 1/(1 − %1) = %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExperimentBuilder</name>
    <message>
        <source>&quot;%1&quot; is not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a batch size (a whole number from 1 to 4096)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is not a dropout rate (from 0 up to, not including, 1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch sizes: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropout rates: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no arms: tick at least one normalization type to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no arms: give at least one batch size to compare</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cannot vary dropout: %1 has no dropout layer (pick small-cnn)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no arms: give at least one dropout rate to compare</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ExplainerPanel</name>
    <message>
        <source>&quot;%1&quot; is not a number; type a number such as 1.5 or -2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Explainers</name>
    <message>
        <source>Batch norm step by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout step by step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalization axes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GradientView</name>
    <message>
        <source>%1 (growing)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Vanishing gradients (mean |grad| &lt; 1e-6) – %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exploding gradients (mean |grad| &gt; 1e3 or growing) – %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer over time:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Off: the layers with parameters and the norm outputs, where normalization acts.
On: every probed layer, activations, pooling, flatten and dropout included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line with dots: mean |grad| · dots alone / thin line: max |grad|</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient flow (latest probe)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer (input → output)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>|grad| (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient over time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mean of the seeds · band: lowest to highest seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No vanishing (mean |grad| &lt; 1e-6) or exploding (&gt; 1e3) gradients at the latest probe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: gradient over time</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HelpGuide</name>
    <message>
        <source>The training loss of every arm (solid line, smoothed by the slider) and its test loss (thin line with dots, measured every few hundred images) against the images seen; the second chart shows accuracy the same way. Lower loss and higher accuracy are better. A curve that ends early belongs to an arm whose loss became infinite: it &lt;i&gt;diverged&lt;/i&gt;, usually because the learning rate was too large for it. With several seeds an arm is drawn as its mean with a band from its lowest to its highest seed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What comes out of a layer, for every arm: over time, the median (line) and the 15th to 85th percentile (band), as in the batch-norm paper&apos;s first figure; and the latest histogram. A band that drifts or keeps widening means the next layer&apos;s inputs keep changing scale; a spike at 0 after a ReLU means dead units. Choose one layer, or all layers side by side, above the charts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How strongly each layer is told to change: the mean size of the gradient |dL/d output| at every layer, from the input (left) to the output (right), at the latest probe. The axis is logarithmic: each grid line is ten times the one below. A line that falls steeply towards the left shows &lt;i&gt;vanishing gradients&lt;/i&gt;: the early layers barely learn. Layers below 10&lt;sup&gt;-6&lt;/sup&gt; or above 10&lt;sup&gt;3&lt;/sup&gt; are named under the chart; the lower chart follows one layer over time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For a batch-norm layer: the mean and variance of the current batch (solid) against the running averages that are used at test time (thin, lighter), and the accuracy on one fixed held-out batch in train mode (batch statistics, solid) and in eval mode (running statistics, thin). A gap between the two shows the network behaving differently at test time; Run &amp;gt; Recompute Population Statistics re-estimates the running averages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A table with one row per layer and arm, from the latest probe: the mean and spread of the layer&apos;s outputs, the share of zeros (dead ReLUs) and of saturated units, the size of the weight gradient and the update-to-weight ratio (around 10&lt;sup&gt;-3&lt;/sup&gt; is a healthy pace of learning).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The network layer by layer, with output shapes and parameter counts, and one column per arm showing which norm sits at each norm position, or why none can (instance norm has no meaning after a dense layer).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The final test error against the setting the arms vary (batch size or dropout rate), one line per normalization; each point is the mean over the seeds with a band from the best to the worst seed. A flat line means that norm does not care about the setting; a line that shoots up at one end shows where it breaks.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The final numbers of every arm in one table: test accuracy and loss (mean and spread over the seeds), whether and at which step it diverged, and its training speed. Click a column header to sort; select cells and copy them into a spreadsheet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The start page: ready-made comparisons that each teach one thing in about a minute, and the explainers. A lesson loads its settings, starts training and switches to the chart it is about; its text stays above the charts while it is on show.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> or </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NormLab guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;NormLab guide&lt;/h2&gt;&lt;p&gt;NormLab trains several copies of one network side by side, the &lt;b&gt;arms&lt;/b&gt;, that differ only in the setting being compared (the normalization, the batch size, the dropout rate...). They start from the same weights and see the same images, so every difference on the charts comes from that setting. Each arm keeps its colour on every tab; hover a point to read its value, right-click a chart to export or copy it.&lt;/p&gt;&lt;h3&gt;The tabs&lt;/h3&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Language</name>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The language of the window; it applies when NormLab next starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The new language (%1) applies the next time NormLab starts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System default</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LayerTableView</name>
    <message>
        <source>Latest probe of every run. Gradient norm and update ratio (||update|| / ||weight||) are for the layer&apos;s weight (gamma for norm layers).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output mean</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output std</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% zeros</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>% saturated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weight grad norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update ratio</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>each arm&apos;s norm</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LossView</name>
    <message>
        <source>Smoothing:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exponential moving average of the train loss and accuracy (TensorBoard-style, debiased)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x axis:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>samples seen</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>epochs</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log scale (loss)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show each seed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>With several seeds each arm is drawn as its mean with a band from the lowest to the highest seed; check to also draw every seed&apos;s own curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cross-entropy loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cross-entropy loss (log scale)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>accuracy (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>solid: train · thin with dots: test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>solid: train (smoothed %1) · thin with dots: test</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>line: mean of the seeds · band: lowest to highest seed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ModelView</name>
    <message>
        <source>none</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local response norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The layers as the network runs them, with their parameter counts. Highlighted rows are the norm positions: each arm&apos;s column says which norm sits there, or why there is none.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>none: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 params</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>(+%1 running)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Layer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Output shape</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Param #</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trainable parameters (+ batch-norm running statistics)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>norm position (after %1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per arm →</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NormAxesExplainer</name>
    <message>
        <source>T-shirt/top</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>trouser</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>pullover</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>coat</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sandal</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>shirt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sneaker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>bag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>ankle boot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>value of a cell:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Blue: negative, white: 0, orange: positive, up to the largest |value| in the block. Outlined: the values the clicked cell is normalized with; faded: the rest.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Normalization axes: which values share a mean and standard deviation? Click any cell.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>norm:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>layer norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>instance norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>group norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>local response norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>groups G:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>window size:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sample %1
(%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>channel %1
%2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The block: %1 Fashion-MNIST test images, shrunk to %2 × %2 pixels, each passed through %3 fixed filters (the channels). Blue = negative, orange = positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The block: %1 built-in synthetic images (Fashion-MNIST not found in %2), shrunk to %3 × %3 pixels, each through %4 fixed filters (the channels). Blue = negative, orange = positive.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot show a block of %1 × %2 × %3 × %4 with %5 values (each size must be 1..64 and the values must fill the block).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Batch norm&lt;/b&gt;: channel %1 of &lt;i&gt;every&lt;/i&gt; sample: N%2H%2W = %3%2%4%2%5 = %6 values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Layer norm&lt;/b&gt;: every channel of sample %1: C%2H%2W = %3%2%4%2%5 = %6 values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Instance norm&lt;/b&gt;: channel %1 of sample %2 only: H%3W = %4%3%5 = %6 values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Group norm&lt;/b&gt; (G = %1): channels %2–%3 of sample %4: (C/G)%5H%5W = %6%5%7%5%8 = %9 values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Local response norm&lt;/b&gt; (size %1): channels %2–%3 at the same pixel of sample %4: %5 values.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>LRN subtracts no mean: it divides by (k + α/n · sum of squares)&lt;sup&gt;β&lt;/sup&gt;. Sum of squares %1; divisor %2; this value %3 → %4. With PyTorch&apos;s defaults (k = 1, α = 0.0001, β = 0.75) the divisor stays near 1 unless the values are large. (For comparison: mean %5, std %6.)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>count %1 · mean %2 · std %3 (√(variance + ε)) · this value %4 → (%4 − mean) / std = &lt;b&gt;%5&lt;/b&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clicked: sample %1, channel %2, row %3, column %4.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>NormNote</name>
    <message>
        <source>No %1 after %2: its %3 outputs are flat, with no spatial extent to normalize over.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ProgressText</name>
    <message>
        <source>Training steps (mini-batches) done per arm, and images seen per arm: the arms train in lockstep, so every arm still training has seen the same images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: diverged at step %2, after %3 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: failed at step %2, after %3 images</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1 / %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>up to step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>every run stopped early</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n run(s) stopped early</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>every arm stopped early</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n arm(s) stopped early</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>%1 · %2 images seen per run (epoch %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 images seen per arm (epoch %3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2: up to %3 images seen (epoch %4)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 images seen per running run (epoch %3); %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 images seen per running arm (epoch %3); %4</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped early, and not counted:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ResultsView</name>
    <message>
        <source>mean over %1 seeds ± standard deviation; lowest %2, highest %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One row per arm: its final values (while training, the latest test evaluation), mean ± standard deviation over the seeds that did not diverge. Click a column title to sort; Ctrl+C copies the rows.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test accuracy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Diverged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>no</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SpeedSummary</name>
    <message>
        <source>images/s: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>images/s: %1 in all · %2–%3 per run (%4 runs)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training speed in images per second (all runs together: %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SweepView</name>
    <message>
        <source>No sweep here: the arms of this experiment all use the same batch size, dropout rate and learning rate.
A sweep compares arms that differ in one of them (lesson 2 varies the batch size, lesson 6 the dropout rate), and plots test error against it, one line per normalization, averaged over seeds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No test evaluation yet. Each point will be the mean test error over the seeds; the band will span the lowest to the highest seed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Each point: the mean test error of %n seed(s) (latest test evaluation); the band spans the lowest to the highest seed.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Each point: the mean test error of %1 to %2 seeds (latest test evaluation); the band spans the lowest to the highest seed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n diverged run(s) left out.</source>
        <translation type="unfinished">
            <numerusform></numerusform>
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>test error (%)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Test error vs %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TimeMarkers</name>
    <message>
        <source>lr %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lr ×%1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>branch: %1 at step %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: diverged at step %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>UserPrompts</name>
    <message>
        <source>Unsaved results</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Trains small CNNs live and shows, layer by layer, what normalization does.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A saved experiment (.normlab) to open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open built-in lesson N (1-9).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start in presentation mode: full screen, large fonts, thick lines (F11 leaves it).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>normlab::ArmLegend</name>
    <message>
        <source> – diverged at step %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> – %1 of %2 seeds diverged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> – failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> – %1 of %2 seeds failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Click an arm to highlight it on every tab (click more to compare); “show all” draws every arm alike again. Right-click an arm to hide, stop, remove or branch it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>show&amp;nbsp;all</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>normlab::BranchDialog</name>
    <message>
        <source>Branch here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A branch continues from the arm&apos;s current state (weights, running statistics, optimizer state, position in the data) with the settings changed below. Parent and branch then train side by side on the same images.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The arm whose state the branch starts from.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch from</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>named after its changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The branch&apos;s name in the key and the files.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout rate from here on (0 switches dropout off).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dropout</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Images per step from here on; the branch reads on in the same image order.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate from here on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new optimizer starts its state afresh, as a new torch.optim would.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Optimizer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch, layer, instance and group norm have parameters of the same shapes, so a branch can switch between them.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Norm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This arm&apos;s norm has parameters of other shapes: it stays.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>normlab::DatasetStrip</name>
    <message>
        <source>Synthetic shapes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IDX folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One training image of each class, with its name: what the network learns to tell apart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading sample images…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot load the data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>class %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Class %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1: %2 training and %3 test images, %4 classes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>normlab::ExportDialog</name>
    <message>
        <source>PNG image (for slides and documents)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SVG vector drawing (scales without blur)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PDF (for print and LaTeX)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG for slides; SVG or PDF stay sharp at any size.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PNG pixels per on-screen pixel: 2x is sharp on a projector, 4x for print.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Scale:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file to write; an existing file is replaced.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>F&amp;ile:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The legend, axis titles and a caption line (arms, settings, seed, step) are included.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>normlab::LessonBanner</name>
    <message>
        <source>Shows the chart this lesson is about.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close lesson</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hides this text; the comparison and its charts stay.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show chart: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explain: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>normlab::LessonsPage</name>
    <message>
        <source>Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each lesson loads a ready comparison, trains it (under a minute on two cores) and says what to watch and on which chart. Or set up your own comparison in the panel on the left and press Start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open lesson %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loads the lesson&apos;s comparison, starts training and shows its chart.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Explainers</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>normlab::MainWindow</name>
    <message>
        <source>Start training every arm side by side on the same images (Space starts and pauses).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue training the opened experiment from where it was saved: the curves go on exactly as one longer run&apos;s would (Space).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What the trainer is doing: ready, loading the data, running, paused, finished or failed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training speed in images per second.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Arms whose loss became infinite or NaN: the learning rate was too large for them; and runs that stopped on an error (e.g. out of memory) while the others went on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate %1 from the next step, for every arm (arms with rates of their own keep their ratio); marked on the charts.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause training at the end of the current step; the charts stay (Space).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train every arm on exactly one more mini-batch, then pause (Right arrow or S).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard the current run so the settings can be changed and training starts afresh (R); unsaved results are offered for saving first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source> Speed </source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Maximum</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How fast training runs, in mini-batches per second for each arm: slow it down to watch the charts change step by step, or let it run at full speed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Presentation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Full screen with large text and thick lines for a projector; the side panel and menus hide, the run controls stay (F11 to leave).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start or pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close NormLab; settings and the window layout are kept for next time.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Guide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What each tab shows and how to read it, and the keyboard shortcuts (F1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;About NormLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About NormLab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;h2&gt;NormLab %1&lt;/h2&gt;&lt;p&gt;Trains small convolutional networks live on the CPU and shows, layer by layer, what normalization does to them.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;Eigen %3.%4.%5&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting a new run</source>
        <comment>Save them before %1?</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot start: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>resetting</source>
        <comment>Save them before %1?</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Resume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready: press Start (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Running</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Paused: Step (→) trains one mini-batch</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 diverged at step %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>closing</source>
        <comment>Save them before %1?</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>batch size %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>dropout %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>optimizer %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>momentum %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Takes back the last hide, show or removal of an arm (until the next Start).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Branch Here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue an arm from its current state with other settings (dropout, batch size, learning rate, optimizer, norm): parent and branch then train side by side.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Arms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The arm the new arm copies its other settings from, or the arm to branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add as a new arm</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new arm with these settings, trained from the start on the same images: it catches up with the others, then trains alongside.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch it here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A copy of the chosen arm as it is now, going on with these settings: its curve starts where the arm stands and a marker shows the branch.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only for the next Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the training arms as they are; the settings apply when you press Reset and Start.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>When each arm started, was added, branched or changed, by training step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; cannot change arms that are already training. Add it as a new arm (trained from the start) or branch an arm here (it goes on from its current state)?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 hidden</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 shown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be removed: %2 branches from it (remove the branch first, or hide it).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>removing %1</source>
        <comment>Save them before %1?</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 removed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 branched from %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 goes on from %2&apos;s current state with its changed settings (marked on the charts).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 added: it trains from the start on the same images and catches up with the others.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot branch: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No experiment is training</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hide</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Leave the arm out of the charts; it keeps training and its data is kept (Undo: Ctrl+Z).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>End the arm&apos;s training now; its results stay. This cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the arm and its results (unsaved results are offered for saving first; Undo adds it again and it catches up).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Branch Here…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not applied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lr %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lr %1 for %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Timeline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export Chart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy Chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This tab has no chart to export.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the chart</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the chart: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chart copied: paste it into a slide or document.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the figure</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the figure: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export data into folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot export the data</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not export the data: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exported %1 files (CSV and JSON) to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>NormLab experiments (*.normlab);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open a saved experiment: every chart shows it again, without retraining (Ctrl+O).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the settings, seeds and everything recorded to a .normlab file (Ctrl+S).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save &amp;As…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the experiment to a new .normlab file.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Chart…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save the chart under the mouse (else the first chart of this tab) as PNG, SVG or PDF, with its legend and a caption of the settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Figure…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save every chart of this tab as one multi-panel figure (PNG, SVG or PDF).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export &amp;Data…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write every series as CSV and everything as one JSON file into a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run &amp;Again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Train the experiment on show again from the start with exactly its settings and seeds: the curves come out the same (Ctrl+Shift+R).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Untitled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (loaded experiment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The results of the current experiment have not been saved. Save them before %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There are no results to save yet: start an experiment first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the experiment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open experiment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening another file</source>
        <comment>Save them before %1?</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not open the experiment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The side panel cannot show this experiment&apos;s settings (for example several seeds or an inline model): Continue (Space) trains it on from where it was saved, Run again (Ctrl+Shift+R) repeats it exactly as saved; Start runs the panel&apos;s settings once you change one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The side panel cannot show this experiment&apos;s settings (for example several seeds or an inline model): Run again (Ctrl+Shift+R) repeats it exactly as saved; Start runs the panel&apos;s settings.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1: Continue (Space) trains on from where it was saved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Opened %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot continue</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not continue the experiment: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>running the experiment again</source>
        <comment>Save them before %1?</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed from Open Recent because they no longer exist: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No recent files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Clear List</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Ready-made comparisons that each teach one thing, and the explainers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The built-in lessons could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Lessons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>All lessons (start page)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>L&amp;earn</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recompute &amp;Population Statistics</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Batch norm: replace each run&apos;s running mean and variance (a moving average of recent batches) by their average over 4,096 training images, as PyTorch&apos;s update_bn does, and show eval-mode test accuracy before and after on the Batch norm tab.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>opening a lesson</source>
        <comment>Save them before %1?</comment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lesson %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Live: %1 output in run %2 at step %3 (the first %4 images and %5 channels of its batch, the centre %6 × %7), what its first norm normalizes.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recomputing population statistics…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
