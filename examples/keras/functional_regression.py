"""Functional-API house-price regressor: relu/gelu hidden layers, a linear head and MSE (clean),
plus a logits classifier wrapped with Softmax only for prediction."""
import tensorflow as tf
from tensorflow import keras

inputs = keras.Input(shape=(13,))
x = keras.layers.Dense(64, activation="relu")(inputs)
x = keras.layers.Dense(64, activation=keras.activations.gelu)(x)
outputs = keras.layers.Dense(1)(x)
regressor = keras.Model(inputs, outputs)
regressor.compile(optimizer="adam", loss="mse", metrics=["mae"])

classifier = keras.Sequential(
    [
        keras.layers.Dense(128, activation="relu"),
        keras.layers.Dense(10),
    ]
)
classifier.compile(
    optimizer="adam",
    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
    metrics=["accuracy"],
)
probability_model = keras.Sequential([classifier, keras.layers.Softmax()])
