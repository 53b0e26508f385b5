"""Clean: a GRU forecaster (its tanh/sigmoid are gates inside the cell), a Dense head without
activation for regression, and a selu block initialized with lecun_normal."""
from tensorflow import keras
from tensorflow.keras import layers

model = keras.Sequential([
    layers.Input(shape=(48, 7)),
    layers.GRU(64, activation="tanh", recurrent_activation="sigmoid", return_sequences=True),
    layers.GRU(32),
    layers.Dense(32, activation="selu", kernel_initializer="lecun_normal"),
    layers.Dense(1),
])
model.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mae")
