"""Sentiment classifier with a one-unit softmax head: the output is always 1.0."""
from keras import layers, models

model = models.Sequential()
model.add(layers.Embedding(10000, 32))
model.add(layers.GlobalAveragePooling1D())
model.add(layers.Dense(16, activation="relu"))
model.add(layers.Dense(1, activation="softmax"))
model.compile(optimizer="rmsprop", loss="binary_crossentropy", metrics=["accuracy"])
