"""A self-normalizing net without lecun_normal, an activation applied twice, and a tagging head
whose sigmoid outputs are trained with categorical crossentropy."""
from tensorflow.keras import Sequential
from tensorflow.keras.layers import Activation, Dense

model = Sequential([
    Dense(256, activation="selu", input_shape=(40,)),
    Dense(128, activation="relu"),
    Activation("relu"),
    Dense(6, activation="sigmoid"),
])
model.compile(optimizer="adam", loss="categorical_crossentropy")
