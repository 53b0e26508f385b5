"""A classifier without an output activation compiled with the default from_logits=False."""
from tensorflow import keras

model = keras.Sequential([
    keras.layers.Dense(64, activation="relu", input_shape=(20,)),
    keras.layers.Dense(3),
])
model.compile(optimizer="sgd", loss="categorical_crossentropy", metrics=["accuracy"])
