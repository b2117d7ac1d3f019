"""DigitNetClassifier and DigitNetModel for PySpark.

Thin wrappers over io.digitnet.ml in digitnet.jar (pass it with --jars): every Param is the
Java one, read and set through py4j. Untested here: pyspark cannot be installed on the
machines this project is built on.
"""
from pyspark import keyword_only
from pyspark.ml.param import Param, Params, TypeConverters
from pyspark.ml.util import JavaMLReadable, JavaMLWritable

try:  # PySpark 3 and 4 name the bases with a leading underscore
    from pyspark.ml.classification import _JavaProbabilisticClassifier as JavaProbabilisticClassifier
    from pyspark.ml.classification import (
        _JavaProbabilisticClassificationModel as JavaProbabilisticClassificationModel,
    )
except ImportError:  # PySpark 2
    from pyspark.ml.classification import JavaProbabilisticClassifier, JavaProbabilisticClassificationModel

_TRAINING_PARAMS = {
    # name: (converter, doc), as the Java classifier declares them
    "layers": (TypeConverters.toListInt, "layer sizes, inputs first (the feature count) and outputs last"),
    "hiddenActivation": (TypeConverters.toString, "hidden layers' activation: sigmoid, tanh or relu"),
    "outputActivation": (TypeConverters.toString, "output activation: sigmoid or softmax"),
    "loss": (TypeConverters.toString, "cross-entropy or quadratic"),
    "optimizer": (TypeConverters.toString, "adam, or sgd with momentum"),
    "learningRate": (TypeConverters.toFloat, "base learning rate (> 0)"),
    "momentum": (TypeConverters.toFloat, "sgd's momentum, or adam's beta1 (0 <= m < 1)"),
    "weightDecay": (TypeConverters.toFloat, "L2 penalty on the weights (>= 0)"),
    "schedule": (TypeConverters.toString, "learning-rate schedule: constant, step or cosine"),
    "stepEpochs": (TypeConverters.toInt, "schedule step: epochs between steps (>= 1)"),
    "stepGamma": (TypeConverters.toFloat, "schedule step: factor per step (> 0)"),
    "epochs": (TypeConverters.toInt, "at most this many epochs (>= 1)"),
    "batchSize": (TypeConverters.toInt, "mini-batch rows (>= 1)"),
    "shift": (TypeConverters.toInt, "random shift of each 28x28 training image, in pixels (0..27)"),
    "strategy": (TypeConverters.toString, "average or full-batch"),
    "syncsPerEpoch": (TypeConverters.toInt, "strategy average: averaging rounds per epoch (>= 1)"),
    "partitions": (TypeConverters.toInt, "training partitions, part of the result (>= 1)"),
    "seed": (TypeConverters.toInt, "random seed"),
    "validationFraction": (TypeConverters.toFloat, "share of the rows held out to pick the best epoch"),
    "patience": (TypeConverters.toInt, "epochs without a better validation accuracy before stopping (0: never)"),
}


class _DigitNetParams(Params):
    pass


for _name, (_converter, _doc) in _TRAINING_PARAMS.items():
    setattr(_DigitNetParams, _name, Param(Params._dummy(), _name, _doc, typeConverter=_converter))


class DigitNetClassifier(JavaProbabilisticClassifier, _DigitNetParams, JavaMLWritable, JavaMLReadable):
    """The classic network as a Spark ML estimator; its defaults are the Java class's."""

    @keyword_only
    def __init__(self, **kwargs):
        super().__init__()
        self._java_obj = self._new_java_obj("io.digitnet.ml.DigitNetClassifier", self.uid)
        self.setParams(**self._input_kwargs)

    @keyword_only
    def setParams(self, **kwargs):
        return self._set(**self._input_kwargs)

    def _create_model(self, java_model):
        return DigitNetModel(java_model)


class DigitNetModel(JavaProbabilisticClassificationModel, JavaMLWritable, JavaMLReadable):
    """A trained network: transform adds rawPrediction, probability and prediction."""

    @classmethod
    def read(cls):
        from pyspark.ml.util import JavaMLReader

        reader = JavaMLReader(cls)
        reader._clazz = "io.digitnet.ml.DigitNetModel"
        return reader

    def layers(self):
        return list(self._call_java("layers"))

    def weights(self):
        return self._call_java("weights")


# PySpark finds the Python class of a Java stage it loads (a PipelineModel's, say) by the
# Java class's name, io.digitnet.ml.DigitNetModel (JavaParams._from_java): answer for it here.
import sys as _sys  # noqa: E402
import types as _types  # noqa: E402

_sys.modules.setdefault("io.digitnet", _types.ModuleType("io.digitnet"))
_sys.modules["io.digitnet.ml"] = _sys.modules[__name__]
